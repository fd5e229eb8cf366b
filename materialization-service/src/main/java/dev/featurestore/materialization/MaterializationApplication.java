package dev.featurestore.materialization;

import dev.featurestore.runtime.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Copies offline feature values into the online store: materialize runs, schedules, stream ingestion. */
@OpenAPIDefinition(info = @Info(
        title = "materialization-service",
        version = "0.1",
        description = "Copies offline feature values into the online store: materialize runs, schedules, stream ingestion."))
public final class MaterializationApplication {
    private MaterializationApplication() {
    }

    public static void main(String[] args) {
        ServiceApplication.run(MaterializationApplication.class, args);
    }
}
