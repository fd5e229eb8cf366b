package dev.featurestore.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 API server (s3proxy embedded, MinIO in containers mode), path-style access, AWS v4 auth. */
public interface S3Server extends ManagedServer {
    /** e.g. {@code http://127.0.0.1:19000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    String region();

    /** The default bucket, which exists from the first start. */
    String bucket();

    /** Creates a bucket if it does not exist yet. */
    void createBucket(String name);

    /**
     * A new client of this server: path-style, its credentials, checksums only where an operation requires them (as
     * the services' client for an S3-compatible endpoint). The caller closes it.
     */
    default S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
