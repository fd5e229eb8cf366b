package dev.featurestore.offlinestore;

import static org.assertj.core.api.Assertions.assertThat;

class S3ObjectStoreIT extends AbstractObjectStoreTest {
    private final S3ObjectStore store = new S3ObjectStore(S3Testing.client(), S3ObjectStore.MINIMUM_PART_SIZE);

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected StorageUri freshPrefix() {
        return S3Testing.freshPrefix();
    }

    @Override
    protected int largeObjectSize() {
        // two full parts and a short last one
        return 2 * S3ObjectStore.MINIMUM_PART_SIZE + 123_457;
    }

    @Override
    protected void assertNoPendingUpload(StorageUri uri) {
        assertThat(S3Testing.client().listMultipartUploads(request -> request.bucket(uri.bucket()).prefix(uri.key())).uploads())
                .isEmpty();
    }
}
