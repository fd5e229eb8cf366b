package dev.featurestore.registry.api;

import dev.featurestore.runtime.http.QueryParameters;

/** Query parameters and headers shared by the controllers, each bad value a 400 naming it. */
final class RequestParameters {

    private RequestParameters() {
    }

    static Long registryVersion(String value) {
        return value == null ? null : QueryParameters.number("expected_registry_version", value, 0, Long.MAX_VALUE);
    }
}
