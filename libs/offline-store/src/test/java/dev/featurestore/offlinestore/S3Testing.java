package dev.featurestore.offlinestore;

import dev.featurestore.testkit.S3Server;
import dev.featurestore.testkit.TestStack;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** One S3 client on the shared test stack's S3 API server, and fresh prefixes in its bucket. */
final class S3Testing {
    private static S3Client client;

    private S3Testing() {
    }

    static synchronized S3Client client() {
        if (client == null) {
            S3Server s3 = TestStack.shared().s3();
            client = S3Client.builder()
                    .endpointOverride(URI.create(s3.endpoint()))
                    .region(Region.of(s3.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                    .forcePathStyle(true)
                    .build();
        }
        return client;
    }

    static StorageUri freshPrefix() {
        return StorageUri.s3(TestStack.shared().s3().bucket(), "offline-store-test/%s/".formatted(UUID.randomUUID()));
    }
}
