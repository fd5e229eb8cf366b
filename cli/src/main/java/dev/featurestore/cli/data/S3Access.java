package dev.featurestore.cli.data;

import dev.featurestore.cli.config.OfflineStoreConfig;
import dev.featurestore.cli.config.Setting;
import dev.featurestore.offlinestore.ObjectInfo;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ObjectWriter;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The offline store's S3 API as libs/offline-store's {@link ObjectStore}, closing its client with it. */
public final class S3Access implements ObjectStore {
    private final S3Client client;
    private final S3ObjectStore store;
    private final String endpoint;

    private S3Access(S3Client client, String endpoint) {
        this.client = client;
        this.store = new S3ObjectStore(client);
        this.endpoint = endpoint;
    }

    /** Path-style, checksums only where required (an S3-compatible endpoint such as the dev stack's), or AWS's own. */
    public static S3Access open(OfflineStoreConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region().value()))
                .credentialsProvider(credentials(config))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String endpoint = config.endpoint().value();
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return new S3Access(builder.build(), endpoint.isBlank() ? "AWS S3 (" + config.region().value() + ")" : endpoint);
    }

    private static AwsCredentialsProvider credentials(OfflineStoreConfig config) {
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().map(Setting::value).orElseThrow(),
                    config.secretKey().map(Setting::value).orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Where it is, for messages. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public List<ObjectInfo> list(StorageUri prefix) {
        return store.list(prefix);
    }

    @Override
    public long size(StorageUri uri) {
        return store.size(uri);
    }

    @Override
    public byte[] read(StorageUri uri, long offset, int length) {
        return store.read(uri, offset, length);
    }

    @Override
    public void readInto(StorageUri uri, long offset, byte[] target, int targetOffset, int length) {
        store.readInto(uri, offset, target, targetOffset, length);
    }

    @Override
    public void put(StorageUri uri, byte[] content) {
        store.put(uri, content);
    }

    @Override
    public ObjectWriter create(StorageUri uri) {
        return store.create(uri);
    }

    @Override
    public void delete(StorageUri uri) {
        store.delete(uri);
    }

    @Override
    public void close() {
        store.close();
        client.close();
    }
}
