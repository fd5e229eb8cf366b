package dev.featurestore.historical;

import dev.featurestore.runtime.ServiceApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Point-in-time correct training data from Parquet in S3: historical-features jobs. */
@OpenAPIDefinition(info = @Info(
        title = "historical-service",
        version = "0.1",
        description = "Point-in-time correct training data from Parquet in S3: historical-features jobs."))
public final class HistoricalApplication {
    private HistoricalApplication() {
    }

    public static void main(String[] args) {
        ServiceApplication.run(HistoricalApplication.class, args);
    }
}
