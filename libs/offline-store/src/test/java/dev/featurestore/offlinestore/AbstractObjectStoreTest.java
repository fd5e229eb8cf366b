package dev.featurestore.offlinestore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ObjectStore} must have; one subclass per backend. */
abstract class AbstractObjectStoreTest {

    /** The store under test. */
    protected abstract ObjectStore store();

    /** A prefix no other test uses, ending with a slash. */
    protected abstract StorageUri freshPrefix();

    /** Bytes written in one object before the store must have sent part of it (S3: more than one part). */
    protected abstract int largeObjectSize();

    @Test
    void readsWhatWasPutWholeAndByRange() {
        StorageUri uri = freshPrefix().resolve("a.bin");
        store().put(uri, "hello, object".getBytes(UTF_8));

        assertThat(store().size(uri)).isEqualTo(13);
        assertThat(new String(store().read(uri, 0, 13), UTF_8)).isEqualTo("hello, object");
        assertThat(new String(store().read(uri, 7, 6), UTF_8)).isEqualTo("object");
        assertThat(store().read(uri, 5, 0)).isEmpty();
    }

    @Test
    void putReplacesAnExistingObject() {
        StorageUri uri = freshPrefix().resolve("a.bin");
        store().put(uri, "first version".getBytes(UTF_8));
        store().put(uri, "second".getBytes(UTF_8));

        assertThat(new String(store().read(uri, 0, (int) store().size(uri)), UTF_8)).isEqualTo("second");
    }

    @Test
    void listsEveryObjectBelowThePrefixSortedAndNothingElse() {
        StorageUri prefix = freshPrefix();
        store().put(prefix.resolve("b/2.bin"), new byte[] {2});
        store().put(prefix.resolve("a/1.bin"), new byte[] {1, 1});
        store().put(prefix.resolve("a/x=1/3.bin"), new byte[] {3, 3, 3});
        StorageUri sibling = new StorageUri(prefix.scheme(), prefix.bucket(), prefix.key().substring(0, prefix.key().length() - 1) + "-other/4.bin");
        store().put(sibling, new byte[] {4});

        assertThat(store().list(prefix))
                .containsExactly(
                        new ObjectInfo(prefix.resolve("a/1.bin"), 2),
                        new ObjectInfo(prefix.resolve("a/x=1/3.bin"), 3),
                        new ObjectInfo(prefix.resolve("b/2.bin"), 1));
        assertThat(store().list(prefix.resolve("a/x=1/"))).extracting(ObjectInfo::size).containsExactly(3L);
    }

    @Test
    void listsNothingUnderAnEmptyPrefix() {
        assertThat(store().list(freshPrefix())).isEmpty();
    }

    @Test
    void reportsMissingObjectNamingIt() {
        StorageUri missing = freshPrefix().resolve("missing.bin");

        assertThatThrownBy(() -> store().size(missing))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> store().read(missing, 0, 4))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void writerMakesObjectVisibleOnlyOnCommit() throws IOException {
        StorageUri uri = freshPrefix().resolve("streamed.bin");
        try (ObjectWriter writer = store().create(uri)) {
            writer.write("streamed ".getBytes(UTF_8));
            writer.write("content".getBytes(UTF_8));
            assertThat(writer.position()).isEqualTo(16);
            assertThat(store().list(uri)).isEmpty();
            writer.commit();
        }

        assertThat(new String(store().read(uri, 0, 16), UTF_8)).isEqualTo("streamed content");
    }

    @Test
    void writerClosedWithoutCommitLeavesNoObject() throws IOException {
        StorageUri prefix = freshPrefix();
        StorageUri uri = prefix.resolve("abandoned.bin");
        try (ObjectWriter writer = store().create(uri)) {
            writer.write(new byte[100]);
        }

        assertThat(store().list(prefix)).isEmpty();
    }

    @Test
    void largeObjectRoundTripsByteForByte() throws IOException {
        StorageUri uri = freshPrefix().resolve("large.bin");
        byte[] content = randomBytes(largeObjectSize());
        try (ObjectWriter writer = store().create(uri)) {
            // odd-sized writes so that part boundaries fall inside writes
            for (int offset = 0; offset < content.length; offset += 1_000_003) {
                writer.write(content, offset, Math.min(1_000_003, content.length - offset));
            }
            writer.commit();
        }

        assertThat(store().size(uri)).isEqualTo(content.length);
        assertThat(store().read(uri, 0, content.length)).isEqualTo(content);
        assertThat(store().read(uri, content.length - 10, 10))
                .isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 10, content.length));
    }

    @Test
    void failedLargeWriteLeavesNoObject() {
        StorageUri prefix = freshPrefix();
        StorageUri uri = prefix.resolve("failed.bin");
        byte[] content = randomBytes(largeObjectSize());

        assertThatThrownBy(() -> {
            try (ObjectWriter writer = store().create(uri)) {
                writer.write(content);
                throw new IllegalStateException("producer failed half-way");
            }
        }).hasMessage("producer failed half-way");

        assertThat(store().list(prefix)).isEmpty();
        assertThatThrownBy(() -> store().size(uri)).isInstanceOf(ObjectNotFoundException.class);
        assertNoPendingUpload(uri);
    }

    @Test
    void deleteRemovesAnObjectAndIgnoresAMissingOne() {
        StorageUri uri = freshPrefix().resolve("gone.bin");
        store().put(uri, new byte[] {1});

        store().delete(uri);
        store().delete(uri);

        assertThatThrownBy(() -> store().size(uri)).isInstanceOf(ObjectNotFoundException.class);
    }

    /** Backends with server-side upload state check that none is left behind. */
    protected void assertNoPendingUpload(StorageUri uri) {
    }

    protected static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
