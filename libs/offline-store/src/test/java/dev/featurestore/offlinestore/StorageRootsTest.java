package dev.featurestore.offlinestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageRootsTest {
    private final StorageRoots bucket = StorageRoots.bucket("featurestore");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3://featurestore/examples/driver_stats/        | s3://featurestore/examples/driver_stats/",
            "S3://FeatureStore/examples/a.parquet            | s3://featurestore/examples/a.parquet",
            "s3a://featurestore/examples/                    | s3://featurestore/examples/",
            "s3://featurestore//examples///x/                | s3://featurestore/examples/x/",
            "s3://featurestore/./examples/./x                | s3://featurestore/examples/x",
            "s3://featurestore/examples/tmp/../x/            | s3://featurestore/examples/x/",
            "s3://featurestore/examples/x/..                 | s3://featurestore/examples/",
            "s3://featurestore/examples%2Fx%2e%2E/y          | s3://featurestore/examples/x../y",
            "s3://featurestore/a/%2e%2e/b                    | s3://featurestore/b",
            "s3://featurestore\\examples\\x.parquet          | s3://featurestore/examples/x.parquet",
            "s3://featurestore/a%5C..%5Cb                    | s3://featurestore/b",
            "s3://featurestore                               | s3://featurestore/",
            "file:///data/../data/fs/./x/                    | file:///data/fs/x/",
            "FILE:///data//fs                                | file:///data/fs",
    })
    void normalizesSchemeCaseSlashesDotsEncodingsAndBackslashes(String text, String expected) {
        assertThat(StorageRoots.normalize(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/etc/passwd", "relative/path", "hdfs://namenode/data/", "http://featurestore/x", "s3:/featurestore/x",
            "s3://featurestore/../other/x", "s3://featurestore/a/../../x", "s3://featurestore/%2e%2e/x",
            "s3://featurestore/%252e%252e/x", "s3://featurestore/a%00b", "s3://featurestore/a\u0000b", "s3://featurestore/x?y=1",
            "s3://featurestore/x#y", "s3://user@featurestore/x", "s3://featurestore:9000/x", "s3://Feature_Store/x", "s3:///x",
            "file://host/etc/passwd", "file:///../etc", "s3://featurestore/%zz", "s3://featurestore/%c3%28", ""})
    void refusesWhatIsNotAPlainS3OrFileUri(String text) {
        assertThatThrownBy(() -> StorageRoots.normalize(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid storage URI");
    }

    @Test
    void errorsEchoOnlyAShortPrefixOfTheValue() {
        String huge = "s3://featurestore/" + "x".repeat(10_000);
        assertThatThrownBy(() -> bucket.check(huge)).hasMessageContaining("longer than 2048").satisfies(
                error -> assertThat(error.getMessage()).hasSizeLessThan(300));
        assertThatThrownBy(() -> bucket.check("s3://other/" + "y".repeat(1000))).satisfies(
                error -> assertThat(error.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void allowsTheConfiguredBucketByDefaultAndNothingElse() {
        assertThat(bucket.roots()).extracting(StorageUri::toString).containsExactly("s3://featurestore/");
        assertThat(bucket.check("s3://featurestore/examples/x.parquet")).isEqualTo(StorageUri.s3("featurestore", "examples/x.parquet"));
        assertThatThrownBy(() -> bucket.check("s3://other-bucket/x")).hasMessageContaining("outside the allowed storage roots");
        assertThatThrownBy(() -> bucket.check("s3://featurestore-other/x")).hasMessageContaining("outside the allowed storage roots");
        assertThatThrownBy(() -> bucket.check("file:///tmp/x.parquet")).hasMessageContaining("local paths (file://) are not allowed");
    }

    @Test
    void confinesToPrefixesAfterNormalizing() {
        StorageRoots roots = StorageRoots.of(List.of("s3://featurestore/examples/", " s3://lake/team-a "), false, "featurestore");

        assertThat(roots.check("s3://featurestore/examples")).isEqualTo(StorageUri.s3("featurestore", "examples"));
        assertThat(roots.check("s3://featurestore/examples/a/b.parquet").key()).isEqualTo("examples/a/b.parquet");
        assertThat(roots.check("s3://lake/team-a/x/").key()).isEqualTo("team-a/x/");
        for (String outside : List.of("s3://featurestore/examples2/x", "s3://featurestore/examples/../training/x",
                "s3://featurestore/examples/%2e%2e/training/", "s3://featurestore/examples\\..\\training", "s3://lake/team-b/x",
                "s3://featurestore/")) {
            assertThatThrownBy(() -> roots.check(outside)).as(outside).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void allowsLocalRootsOnlyWhenLocalFilesAreEnabled() {
        assertThatThrownBy(() -> StorageRoots.of(List.of("file:///tmp/featurestore/"), false, "featurestore"))
                .hasMessageContaining("storage root 'file:///tmp/featurestore/' is a local path");
        StorageRoots local = StorageRoots.of(List.of("s3://featurestore/", "file:///tmp/featurestore/"), true, "featurestore");

        assertThat(local.check("file:///tmp/featurestore/x/../y.parquet")).isEqualTo(StorageUri.of(java.nio.file.Path.of("/tmp/featurestore/y.parquet")));
        assertThatThrownBy(() -> local.check("file:///etc/passwd")).hasMessageContaining("outside the allowed storage roots");
        assertThatThrownBy(() -> local.check("file:///tmp/featurestore/../../etc/passwd")).hasMessageContaining("outside");
    }

    @Test
    void aBadConfiguredRootFailsNamingTheProperty() {
        assertThatThrownBy(() -> StorageRoots.fromConfiguration(List.of("file:///data/"), false, "featurestore"))
                .hasMessageStartingWith("featurestore.storage.allowed-roots: storage root 'file:///data/' is a local path")
                .hasMessageContaining("featurestore.storage.allow-local-files=true");
        assertThatThrownBy(() -> StorageRoots.fromConfiguration(List.of("s3://Bad_Bucket/"), false, "featurestore"))
                .hasMessageStartingWith("featurestore.storage.allowed-roots: storage root 's3://Bad_Bucket/'");
        assertThat(StorageRoots.fromConfiguration(List.of(), false, "lake").roots()).extracting(StorageUri::toString).containsExactly("s3://lake/");
    }

    @Test
    void refusesABadRootNamingIt() {
        assertThatThrownBy(() -> StorageRoots.of(List.of("hdfs://x/"), true, "featurestore"))
                .hasMessageStartingWith("storage root 'hdfs://x/'");
    }
}
