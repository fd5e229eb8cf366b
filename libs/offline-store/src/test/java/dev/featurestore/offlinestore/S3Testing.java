package dev.featurestore.offlinestore;

import dev.featurestore.testkit.TestStack;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/** One S3 client on the shared test stack's S3 API server, and fresh prefixes in its bucket. */
final class S3Testing {
    private static S3Client client;

    private S3Testing() {
    }

    static synchronized S3Client client() {
        if (client == null) {
            client = TestStack.shared().s3().client();
        }
        return client;
    }

    static StorageUri freshPrefix() {
        return StorageUri.s3(TestStack.shared().s3().bucket(), "offline-store-test/%s/".formatted(UUID.randomUUID()));
    }
}
