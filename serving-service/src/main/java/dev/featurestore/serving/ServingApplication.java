package dev.featurestore.serving;

import dev.featurestore.runtime.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Online feature values: Feast-compatible get-online-features and push, over Redis. */
@OpenAPIDefinition(info = @Info(
        title = "serving-service",
        version = "0.1",
        description = "Online feature values: Feast-compatible get-online-features and push, over Redis."))
public final class ServingApplication {
    private ServingApplication() {
    }

    public static void main(String[] args) {
        ServiceApplication.run(ServingApplication.class, args);
    }
}
