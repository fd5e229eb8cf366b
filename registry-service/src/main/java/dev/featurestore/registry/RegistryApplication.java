package dev.featurestore.registry;

import dev.featurestore.runtime.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Holds the feature definitions of every project: plan/apply, versions, audit, change events. */
@OpenAPIDefinition(info = @Info(
        title = "registry-service",
        version = "0.1",
        description = "Feature definitions: projects, entities, data sources, feature views, feature services; plan/apply, versions and audit."))
public final class RegistryApplication {
    private RegistryApplication() {
    }

    public static void main(String[] args) {
        ServiceApplication.run(RegistryApplication.class, args);
    }
}
