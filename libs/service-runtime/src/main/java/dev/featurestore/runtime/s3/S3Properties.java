package dev.featurestore.runtime.s3;

import dev.featurestore.runtime.config.ConfigurationChecks;
import dev.featurestore.runtime.config.Redaction;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code featurestore.s3.*}, read by services that use S3: they put the AWS SDK's S3 client on
 * their classpath and set {@code featurestore.s3.enabled: true}.
 *
 * @param endpoint S3 API endpoint (MinIO, s3proxy); empty means AWS's own endpoint for the region
 * @param accessKey access key id; empty (with an empty secret key) means AWS's default credential chain
 * @param secretKey secret access key; never logged
 * @param region signing region
 * @param bucket the bucket the service reads and writes
 * @param pathStyleAccess {@code http://host/bucket/key} addressing, which MinIO and s3proxy need
 */
@Context
@Requires(classes = S3Client.class)
@Requires(property = "featurestore.s3.enabled", value = "true")
@ConfigurationProperties("featurestore.s3")
public record S3Properties(
        @Nullable String endpoint,
        @Nullable String accessKey,
        @Nullable String secretKey,
        String region,
        String bucket,
        @Bindable(defaultValue = "true") boolean pathStyleAccess) {

    public S3Properties {
        if (endpoint != null && !endpoint.isBlank()) {
            ConfigurationChecks.requireUri(endpoint, "featurestore.s3.endpoint", "http", "https");
        }
        boolean hasAccessKey = accessKey != null && !accessKey.isBlank();
        boolean hasSecretKey = secretKey != null && !secretKey.isBlank();
        if (hasAccessKey != hasSecretKey) {
            throw new IllegalArgumentException(
                    "featurestore.s3.access-key and featurestore.s3.secret-key must be set together (or both left empty for AWS's default credentials)");
        }
        ConfigurationChecks.requireText(region, "featurestore.s3.region");
        ConfigurationChecks.requireText(bucket, "featurestore.s3.bucket");
    }

    public Optional<URI> endpointUri() {
        return endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint.trim()));
    }

    public boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank();
    }

    /** The endpoint as health details and logs may show it. */
    public String endpointForDisplay() {
        return endpointUri().map(Redaction::redact).orElse("aws:" + region);
    }

    @Override
    public String toString() {
        return "S3Properties[endpoint=%s, region=%s, bucket=%s, pathStyleAccess=%s, staticCredentials=%s]"
                .formatted(endpointForDisplay(), region, bucket, pathStyleAccess, hasStaticCredentials());
    }
}
