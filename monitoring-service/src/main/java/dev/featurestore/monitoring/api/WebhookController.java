package dev.featurestore.monitoring.api;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.domain.MonitoringErrorCode;
import dev.featurestore.monitoring.domain.webhook.Webhook;
import dev.featurestore.monitoring.domain.webhook.WebhookStore;
import dev.featurestore.monitoring.domain.webhook.WebhookTargetException;
import dev.featurestore.monitoring.domain.webhook.WebhookTargets;
import dev.featurestore.monitoring.domain.webhook.WebhookUrl;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.http.QueryParameters;
import dev.featurestore.contracts.access.Permission;
import dev.featurestore.runtime.security.ProjectAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhooks of a project and their delivery logs: {@code /v1/webhooks}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "webhooks")
public class WebhookController {
    private static final int DEFAULT_DELIVERIES = 50;
    private static final int MAX_DELIVERIES = 1000;

    private final WebhookStore store;
    private final WebhookTargets targets;

    private final ProjectAccess access;

    public WebhookController(WebhookStore store, WebhookTargets targets, ProjectAccess access) {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.targets = requireNonNull(targets, "targets is null");
    }

    @Post("/v1/webhooks")
    @Operation(summary = "Add a webhook",
            description = "The project's freshness.violated, freshness.recovered and drift.detected events (or those of event_types) are POSTed "
                    + "to url as CloudEvents JSON from now on, retried with backoff until it answers 2xx. url must be https (http only when "
                    + "featurestore.monitoring.webhooks.allow-http is set), without user info or fragment, and every address of its host must be "
                    + "public (not loopback, private, link-local, metadata, ...) unless an operator allows its network. 201 with the webhook; "
                    + "400 naming each bad field; 409 WEBHOOK_EXISTS when the project has a webhook of that URL. Needs the role admin.")
    public HttpResponse<WebhookResponse> create(@Nullable Authentication authentication, @Body WebhookRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.project() == null || body.project().isBlank()) {
            errors.add(new FieldError("project", "required: the project whose events the webhook receives"));
        }
        else {
            access.require(authentication, body.project(), Permission.ADMIN);
        }
        String url = url(body.url(), errors);
        List<String> types = body.eventTypes() == null || body.eventTypes().isEmpty() ? Webhook.EVENT_TYPES : body.eventTypes();
        for (int i = 0; i < types.size(); i++) {
            if (!Webhook.EVENT_TYPES.contains(types.get(i))) {
                errors.add(new FieldError("event_types[%d]".formatted(i), "'%s' is not one of %s".formatted(WebhookUrl.shortened(types.get(i)), Webhook.EVENT_TYPES)));
            }
        }
        if (body.secret() != null && body.secret().isBlank()) {
            errors.add(new FieldError("secret", "blank: leave it out for unsigned deliveries"));
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                    "Invalid webhook: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
        }
        Webhook webhook = new Webhook(UUID.randomUUID(), body.project(), url, types.stream().distinct().toList(), body.secret(), body.description(),
                Instant.now());
        if (!store.create(webhook)) {
            throw new FeatureStoreException(MonitoringErrorCode.WEBHOOK_EXISTS,
                    "Project '%s' already has a webhook for %s".formatted(webhook.project(), WebhookUrl.shortened(webhook.url())));
        }
        return HttpResponse.created(WebhookResponse.of(webhook));
    }

    @Get("/v1/webhooks")
    @Operation(summary = "Webhooks", description = "Of one project with ?project=, else of all.")
    public WebhookResponse.Listing list(@Nullable Authentication authentication, @Nullable @QueryValue("project") String project) {
        Optional<String> only = Optional.ofNullable(project).filter(name -> !name.isBlank());
        only.ifPresent(name -> access.require(authentication, name, Permission.ADMIN));
        return new WebhookResponse.Listing(store.list(only).stream()
                .filter(webhook -> access.allows(authentication, webhook.project(), Permission.ADMIN))
                .map(WebhookResponse::of)
                .toList());
    }

    @Get("/v1/webhooks/{id}")
    @Operation(summary = "A webhook", description = "404 WEBHOOK_NOT_FOUND for an unknown id.")
    public WebhookResponse get(@Nullable Authentication authentication, @PathVariable String id) {
        Webhook webhook = store.find(parse(id)).orElseThrow(() -> notFound(id));
        access.require(authentication, webhook.project(), Permission.ADMIN);
        return WebhookResponse.of(webhook);
    }

    @Delete("/v1/webhooks/{id}")
    @Operation(summary = "Remove a webhook", description = "With its delivery log; deliveries still pending are dropped. 204; 404 for an unknown id.")
    public HttpResponse<Void> delete(@Nullable Authentication authentication, @PathVariable String id) {
        Webhook webhook = store.find(parse(id)).orElseThrow(() -> notFound(id));
        access.require(authentication, webhook.project(), Permission.ADMIN);
        if (!store.delete(webhook.id())) {
            throw notFound(id);
        }
        return HttpResponse.noContent();
    }

    @Get("/v1/webhooks/{id}/deliveries")
    @Operation(summary = "A webhook's delivery log",
            description = "Its deliveries, newest first (limit 1..1000, default 50): event, state (pending, delivered, failed), attempts, the "
                    + "endpoint's last status and error, and when the next attempt is due.")
    public DeliveryResponse.Listing deliveries(@Nullable Authentication authentication, @PathVariable String id,
            @Nullable @QueryValue("limit") String limit) {
        UUID webhookId = parse(id);
        Webhook webhook = store.find(webhookId).orElseThrow(() -> notFound(id));
        access.require(authentication, webhook.project(), Permission.ADMIN);
        int count = limit == null ? DEFAULT_DELIVERIES : (int) QueryParameters.number("limit", limit, 1, MAX_DELIVERIES);
        return new DeliveryResponse.Listing(store.deliveries(webhookId, count).stream().map(DeliveryResponse::of).toList());
    }

    private String url(@Nullable String url, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "required: where the events are POSTed"));
            return null;
        }
        try {
            targets.vet(url);
        } catch (WebhookTargetException e) {
            errors.add(new FieldError("url", "'%s' is refused: %s".formatted(WebhookUrl.shortened(url), e.getMessage())));
        } catch (UnknownHostException e) {
            errors.add(new FieldError("url", "'%s' is refused: its host cannot be resolved".formatted(WebhookUrl.shortened(url))));
        }
        return url;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static FeatureStoreException notFound(String id) {
        return new FeatureStoreException(MonitoringErrorCode.WEBHOOK_NOT_FOUND, "No webhook '%s'".formatted(id));
    }
}
