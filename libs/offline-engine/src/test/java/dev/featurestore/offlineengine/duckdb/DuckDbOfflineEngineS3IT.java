package dev.featurestore.offlineengine.duckdb;

import dev.featurestore.offlineengine.AbstractOfflineEngineTest;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.testkit.S3Server;
import dev.featurestore.testkit.TestStack;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract suite on the DuckDB engine over the S3 API (the shared test stack's server): every object is staged. */
class DuckDbOfflineEngineS3IT extends AbstractOfflineEngineTest {
    private static S3Client client;
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        S3Server s3 = TestStack.shared().s3();
        client = S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .forcePathStyle(true)
                .build();
        store = new S3ObjectStore(client);
    }

    @AfterAll
    static void disconnect() {
        store.close();
        client.close();
    }

    @Override
    protected OfflineEngine createEngine(ObjectStore store) {
        return new DuckDbOfflineEngine(store, DuckDbSettings.defaults(directory.resolve("duckdb")));
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected StorageUri freshPrefix() {
        return StorageUri.s3(TestStack.shared().s3().bucket(), "offline-engine-test/%s/".formatted(UUID.randomUUID()));
    }
}
