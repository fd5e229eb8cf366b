package dev.featurestore.testkit;

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
}
