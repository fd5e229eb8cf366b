package dev.featurestore.runtime.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The one rule of every service: liveness, readiness, the bare health status and the OpenAPI document are open;
 * everything else (the API, health details, metrics) needs an authenticated caller. What a caller may do in a project
 * is decided by the controllers through {@link ProjectAccess}. With {@code featurestore.security.enabled: false} every
 * request is let through (Micronaut Security itself stays on, so controllers still get their {@code Authentication}
 * argument, null).
 */
@Singleton
public final class AuthenticatedCallersRule implements SecurityRule<HttpRequest<?>> {
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/health/liveness", "/health/readiness");
    private static final Publisher<SecurityRuleResult> ALLOWED = Mono.just(SecurityRuleResult.ALLOWED);
    private static final Publisher<SecurityRuleResult> REJECTED = Mono.just(SecurityRuleResult.REJECTED);

    private final boolean enabled;

    public AuthenticatedCallersRule(SecurityProperties properties) {
        this.enabled = properties.enabled();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (authentication != null || !enabled) {
            return ALLOWED;
        }
        if (request != null && isOpen(request.getPath())) {
            return ALLOWED;
        }
        return REJECTED;
    }

    static boolean isOpen(String path) {
        return OPEN_PATHS.contains(path) || path.startsWith("/openapi/") && !path.contains("..");
    }
}
