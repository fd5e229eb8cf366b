package dev.featurestore.offlinestore;

class S3ParquetRoundTripIT extends AbstractParquetRoundTripTest {
    private final S3ObjectStore store = new S3ObjectStore(S3Testing.client());

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected StorageUri freshPrefix() {
        return S3Testing.freshPrefix();
    }
}
