package dev.featurestore.testkit;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Bucket creation through the S3 API, for servers the testkit reaches only through an endpoint. */
final class S3Buckets {
    private S3Buckets() {
    }

    static void createIfMissing(S3Server s3, String bucket) {
        try (S3Client client = s3.client()) {
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
