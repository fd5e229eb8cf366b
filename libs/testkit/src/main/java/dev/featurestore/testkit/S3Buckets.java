package dev.featurestore.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Bucket creation through the S3 API, for servers the testkit reaches only through an endpoint. */
final class S3Buckets {
    private S3Buckets() {
    }

    static void createIfMissing(S3Server s3, String bucket) {
        try (S3Client client = S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .forcePathStyle(true)
                .build()) {
            try {
                client.headBucket(request -> request.bucket(bucket));
            } catch (NoSuchBucketException e) {
                try {
                    client.createBucket(request -> request.bucket(bucket));
                } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                    // created meanwhile
                }
            }
        }
    }
}
