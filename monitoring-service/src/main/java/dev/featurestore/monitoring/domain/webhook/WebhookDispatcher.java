package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.config.MonitoringProperties;
import dev.featurestore.runtime.work.DaemonThreads;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued events to webhooks: POSTs the CloudEvent (structured mode, {@code application/cloudevents+json})
 * with headers {@code X-Featurestore-Delivery} (the delivery id, stable across retries), {@code X-Featurestore-Event-Id}
 * and, for a webhook with a secret, {@code X-Featurestore-Signature: sha256=<hex HMAC-SHA256 of the body>}. Before
 * each attempt the URL and every address of its host are vetted again ({@link WebhookTargets}); a target that is no
 * longer allowed fails the delivery at once, without a request, and the request goes to the addresses vetted. A 2xx
 * answer delivers it; anything else (another status, a redirect included, a timeout, a refused connection) is tried
 * again after {@code webhook-initial-backoff}, doubling up to {@code webhook-max-backoff}, until
 * {@code webhook-max-attempts} attempts have failed, when the delivery fails (logged as an error; it stays in the
 * delivery log with the last status code or a fixed reason, {@link DeliveryError}).
 */
@Singleton
public class WebhookDispatcher implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int CLAIM_LIMIT = 50;

    private final WebhookStore store;
    private final MonitoringProperties properties;
    private final WebhookTargets targets;
    private final WebhookPoster poster;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService loop = Executors.newSingleThreadExecutor(DaemonThreads.named("webhook-dispatcher"));
    private volatile boolean stopping;

    public WebhookDispatcher(WebhookStore store, MonitoringProperties properties, WebhookTargets targets) {
        this.store = requireNonNull(store, "store is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.targets = requireNonNull(targets, "targets is null");
        this.poster = new WebhookPoster((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop.submit(this::run);
    }

    /** Looks for due deliveries now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (!stopping) {
            try {
                List<Delivery.Attempt> due = store.claimDue(properties.webhookTimeout().multipliedBy(2), CLAIM_LIMIT);
                due.forEach(this::attempt);
                if (due.size() == CLAIM_LIMIT) {
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not look for webhook deliveries; trying again in {}: {}", properties.webhookPollInterval(), e.getMessage());
            }
            try {
                wakeUp.tryAcquire(properties.webhookPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void attempt(Delivery.Attempt attempt) {
        WebhookTargets.Target target;
        try {
            target = targets.vet(attempt.url());
        } catch (WebhookTargetException e) {
            // the URL or an address of its host is refused now (other settings, a DNS change): no request is sent
            store.attemptFailed(attempt.id(), null, e.error().reason(), null);
            LOG.error("Refused delivering {} {} to webhook {}: its target is not allowed ({}); the delivery failed", attempt.eventType(),
                    attempt.eventId(), attempt.webhookId(), e.getMessage());
            return;
        } catch (UnknownHostException e) {
            retryOrFail(attempt, null, DeliveryError.UNKNOWN_HOST.reason());
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/cloudevents+json; charset=utf-8");
        headers.put("User-Agent", "featurestore-monitoring-service");
        headers.put("X-Featurestore-Delivery", Long.toString(attempt.id()));
        headers.put("X-Featurestore-Event-Id", attempt.eventId().toString());
        if (attempt.secret() != null) {
            headers.put("X-Featurestore-Signature", "sha256=" + sign(attempt.secret(), attempt.payload()));
        }
        int status;
        try {
            status = poster.post(target, headers, attempt.payload().getBytes(StandardCharsets.UTF_8), properties.webhookTimeout());
        } catch (IOException e) {
            retryOrFail(attempt, null, error(e).reason());
            return;
        }
        if (status / 100 == 2) {
            store.delivered(attempt.id(), status);
            LOG.debug("Delivered {} {} to webhook {} ({})", attempt.eventType(), attempt.eventId(), attempt.webhookId(), status);
            return;
        }
        retryOrFail(attempt, status, DeliveryError.status(status));
    }

    private void retryOrFail(Delivery.Attempt attempt, @Nullable Integer status, String error) {
        if (attempt.attempts() >= properties.webhookMaxAttempts()) {
            store.attemptFailed(attempt.id(), status, error, null);
            LOG.error("Gave up delivering {} {} to webhook {} after {} attempts; last: {}", attempt.eventType(), attempt.eventId(),
                    attempt.webhookId(), attempt.attempts(), error);
            return;
        }
        Duration retryIn = backoff(attempt.attempts());
        store.attemptFailed(attempt.id(), status, error, retryIn);
        LOG.warn("Delivering {} {} to webhook {} failed on attempt {} of {}: {}; next attempt in {}", attempt.eventType(), attempt.eventId(),
                attempt.webhookId(), attempt.attempts(), properties.webhookMaxAttempts(), error, retryIn);
    }

    private static DeliveryError error(IOException e) {
        if (e instanceof ConnectException) {
            return DeliveryError.CONNECTION_REFUSED;
        }
        if (e instanceof SocketTimeoutException) {
            return DeliveryError.TIMEOUT;
        }
        if (e instanceof SSLException) {
            return DeliveryError.TLS_ERROR;
        }
        if (e instanceof ProtocolException) {
            return DeliveryError.INVALID_RESPONSE;
        }
        return DeliveryError.CONNECTION_FAILED;
    }

    /** The wait after the n-th failed attempt: the initial backoff, doubled each time, at most the maximum. */
    Duration backoff(int failedAttempts) {
        Duration wait = properties.webhookInitialBackoff();
        for (int i = 1; i < failedAttempts && wait.compareTo(properties.webhookMaxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.webhookMaxBackoff()) > 0 ? properties.webhookMaxBackoff() : wait;
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        wakeUp.release();
        loop.shutdownNow();
    }
}
