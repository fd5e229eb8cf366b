package dev.featurestore.runtime.security;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.ApiKeys;
import dev.featurestore.contracts.access.Role;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Authenticates an API key sent as {@code Authorization: Bearer fsk_...} or {@code X-API-Key: fsk_...}: the configured
 * admin and service keys, else the directory's keys (SHA-256 compared in constant time; revoked and expired keys do
 * not authenticate). The principal is {@code key:<key id>}. Anything that is not an API key is left to the other
 * fetchers (bearer JWTs).
 */
@Singleton
@Requires(property = SecurityProperties.PREFIX + ".enabled", notEquals = "false")
public final class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    public static final String API_KEY_HEADER = "X-API-Key";
    /** What the configured admin key may do in every project. */
    private static final List<Role> ADMIN_ROLES = List.of(Role.ADMIN);
    /** What the services' own key may do in every project: read, pii included (the skew check compares every feature). */
    private static final List<Role> SERVICE_ROLES = List.of(Role.VIEWER, Role.PII_READER);

    private final ProjectAccess access;
    private final Optional<ConfiguredKey> adminKey;
    private final Optional<ConfiguredKey> serviceKey;
    private final Clock clock;

    private record ConfiguredKey(String keyId, String secretSha256) {
        static Optional<ConfiguredKey> of(Optional<String> key) {
            return key.flatMap(ApiKeys::parse).map(presented -> new ConfiguredKey(presented.keyId(), ApiKeys.sha256Hex(presented.key())));
        }
    }

    public ApiKeyAuthenticationFetcher(ProjectAccess access, SecurityProperties properties) {
        this.access = requireNonNull(access, "access is null");
        this.adminKey = ConfiguredKey.of(properties.adminKeyValue());
        this.serviceKey = ConfiguredKey.of(properties.serviceKeyValue());
        this.clock = Clock.systemUTC();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<Authentication> authentication = authenticate(request.getHeaders().get(API_KEY_HEADER), request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        return authentication.map(Mono::just).orElseGet(Mono::empty);
    }

    /**
     * The caller an API key sent in either header form authenticates, for other transports than HTTP (serving's gRPC
     * API passes its metadata {@code x-api-key} and {@code authorization}).
     *
     * @param apiKeyHeader the value of {@code X-API-Key}, or null
     * @param authorization the value of {@code Authorization} ({@code Bearer fsk_...}), or null
     * @return the caller; empty when neither holds an API key, or the key does not authenticate
     */
    public Optional<Authentication> authenticate(@Nullable String apiKeyHeader, @Nullable String authorization) {
        return credential(apiKeyHeader, authorization).flatMap(ApiKeys::parse).flatMap(this::authenticate);
    }

    /** The API key of a request, if it sent one (header X-API-Key, or a bearer token in the key format). */
    static Optional<String> credential(HttpRequest<?> request) {
        return credential(request.getHeaders().get(API_KEY_HEADER), request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    }

    private static Optional<String> credential(@Nullable String header, @Nullable String authorization) {
        if (header != null) {
            return Optional.of(header.strip());
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            if (ApiKeys.looksLikeKey(token)) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    Optional<Authentication> authenticate(ApiKeys.Presented presented) {
        if (matches(adminKey, presented)) {
            return Optional.of(authentication(presented.keyId(), ADMIN_ROLES, false));
        }
        if (matches(serviceKey, presented)) {
            return Optional.of(authentication(presented.keyId(), SERVICE_ROLES, true));
        }
        Optional<ApiKeyRecord> record = access.directory().current().apiKey(presented.keyId());
        if (record.isEmpty() || !record.get().usableAt(clock.instant()) || !ApiKeys.matches(presented.key(), record.get().secretSha256())) {
            return Optional.empty();
        }
        return Optional.of(authentication(presented.keyId(), List.of(), false));
    }

    private static boolean matches(Optional<ConfiguredKey> configured, ApiKeys.Presented presented) {
        return configured.isPresent() && configured.get().keyId().equals(presented.keyId())
                && ApiKeys.matches(presented.key(), configured.get().secretSha256());
    }

    private static Authentication authentication(String keyId, List<Role> globalRoles, boolean service) {
        return Authentication.build(ApiKeys.principalOf(keyId), List.of(), Map.of(
                Callers.KIND_ATTRIBUTE, Callers.API_KEY_KIND,
                Callers.GLOBAL_ROLES_ATTRIBUTE, globalRoles,
                Callers.SERVICE_ATTRIBUTE, service));
    }
}
