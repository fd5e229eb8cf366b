package dev.featurestore.runtime.health;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.s3.S3Properties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/** {@code s3}: {@code HeadBucket} on {@code featurestore.s3.bucket}, active in services with an {@link S3Client}. */
@Singleton
@Requires(classes = S3Client.class)
@Requires(beans = S3Client.class)
public final class S3HealthIndicator extends DependencyHealthIndicator {
    public static final String NAME = "s3";

    private final S3Client client;
    private final S3Properties s3Properties;

    public S3HealthIndicator(
            S3Client client,
            S3Properties s3Properties,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            HealthProperties properties) {
        super(NAME, executor, properties);
        this.client = requireNonNull(client, "client is null");
        this.s3Properties = requireNonNull(s3Properties, "s3Properties is null");
    }

    @Override
    protected Map<String, Object> location() {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("endpoint", s3Properties.endpointForDisplay());
        location.put("region", s3Properties.region());
        location.put("bucket", s3Properties.bucket());
        return location;
    }

    @Override
    protected Map<String, Object> probe(Duration timeout) {
        client.headBucket(HeadBucketRequest.builder()
                .bucket(s3Properties.bucket())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(timeout))
                .build());
        return Map.of();
    }
}
