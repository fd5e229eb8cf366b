package dev.featurestore.cli.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The S3 API the command line uploads entity files to and reads training sets from.
 *
 * @param endpoint the S3 API's URL (empty string: AWS's endpoint of the region)
 * @param stagingPrefix where entity files go: {@code <staging_prefix><uuid>/entities.parquet}
 * @param accessKey with {@code secretKey}, static credentials; absent: the AWS SDK's default credential chain
 */
public record OfflineStoreConfig(
        Setting<String> endpoint,
        Setting<String> region,
        Setting<String> bucket,
        Setting<String> stagingPrefix,
        Optional<Setting<String>> accessKey,
        Optional<Setting<String>> secretKey) {

    public OfflineStoreConfig {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(stagingPrefix, "stagingPrefix is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
    }
}
