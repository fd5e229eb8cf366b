package dev.featurestore.offlinestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageUriTest {

    @Test
    void parsesS3BucketAndPrefix() {
        StorageUri uri = StorageUri.parse("s3://my-bucket/data/driver_stats/");

        assertThat(uri.scheme()).isEqualTo(StorageUri.Scheme.S3);
        assertThat(uri.bucket()).isEqualTo("my-bucket");
        assertThat(uri.key()).isEqualTo("data/driver_stats/");
        assertThat(uri).hasToString("s3://my-bucket/data/driver_stats/");
    }

    @Test
    void parsesS3BucketWithoutPrefixAsWholeBucket() {
        assertThat(StorageUri.parse("s3://my-bucket").key()).isEmpty();
        assertThat(StorageUri.parse("s3://my-bucket/").key()).isEmpty();
    }

    @Test
    void parsesFileUriAsAbsolutePath() {
        StorageUri uri = StorageUri.parse("file:///tmp/data/part-0.parquet");

        assertThat(uri.scheme()).isEqualTo(StorageUri.Scheme.FILE);
        assertThat(uri.path()).hasToString("/tmp/data/part-0.parquet");
        assertThat(uri.name()).isEqualTo("part-0.parquet");
        assertThat(uri).hasToString("file:///tmp/data/part-0.parquet");
    }

    @Test
    void resolvesChildrenWithOneSlash() {
        assertThat(StorageUri.parse("s3://b-1/a").resolve("x.parquet")).hasToString("s3://b-1/a/x.parquet");
        assertThat(StorageUri.parse("s3://b-1/a/").resolve("x.parquet")).hasToString("s3://b-1/a/x.parquet");
        assertThat(StorageUri.parse("s3://b-1").resolve("x.parquet")).hasToString("s3://b-1/x.parquet");
    }

    @Test
    void rejectsUnknownSchemeNamingTheUri() {
        assertThatThrownBy(() -> StorageUri.parse("gs://bucket/data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid storage URI 'gs://bucket/data': unsupported scheme 'gs'; expected s3 or file");
    }

    @Test
    void rejectsMissingScheme() {
        assertThatThrownBy(() -> StorageUri.parse("/data/x.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/data/x.parquet'")
                .hasMessageContaining("no scheme");
    }

    @Test
    void rejectsInvalidBucketName() {
        assertThatThrownBy(() -> StorageUri.parse("s3://Bad_Bucket/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s3://Bad_Bucket/x'")
                .hasMessageContaining("not a valid bucket name");
    }

    @Test
    void rejectsFileUriWithHostOrRelativePath() {
        assertThatThrownBy(() -> StorageUri.parse("file://host/data"))
                .hasMessageContaining("file URIs take no host");
        assertThatThrownBy(() -> StorageUri.parse("file:data"))
                .hasMessageContaining("'file:data'");
    }

    @Test
    void rejectsTextThatIsNotAUri() {
        assertThatThrownBy(() -> StorageUri.parse("s3://bucket/a b|c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid storage URI 's3://bucket/a b|c': not a URI");
    }
}
