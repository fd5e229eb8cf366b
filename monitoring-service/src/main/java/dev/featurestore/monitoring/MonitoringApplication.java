package dev.featurestore.monitoring;

import dev.featurestore.runtime.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Freshness SLAs, feature statistics and drift, published as events. */
@OpenAPIDefinition(info = @Info(
        title = "monitoring-service",
        version = "0.1",
        description = "Freshness SLAs, feature statistics and drift, published as events."))
public final class MonitoringApplication {
    private MonitoringApplication() {
    }

    public static void main(String[] args) {
        ServiceApplication.run(MonitoringApplication.class, args);
    }
}
