package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.junit.jupiter.api.Test;

class S3ServerTest {

    @Test
    void putsListsAndGetsObjectsInTheDefaultBucket() {
        S3Server s3 = TestStack.shared().s3();
        try (S3Client client = client(s3)) {
            client.putObject(request -> request.bucket(s3.bucket()).key("offline/driver_stats/part-0.parquet"),
                    RequestBody.fromString("not really parquet"));

            assertThat(client.listObjectsV2(request -> request.bucket(s3.bucket()).prefix("offline/")).contents())
                    .extracting(S3Object::key)
                    .contains("offline/driver_stats/part-0.parquet");
            assertThat(client.getObjectAsBytes(request -> request.bucket(s3.bucket()).key("offline/driver_stats/part-0.parquet"))
                    .asUtf8String())
                    .isEqualTo("not really parquet");
        }
    }

    @Test
    void createsFurtherBucketsOnRequest() {
        S3Server s3 = TestStack.shared().s3();
        s3.createBucket("another-bucket");
        s3.createBucket("another-bucket");

        try (S3Client client = client(s3)) {
            assertThat(client.listBuckets().buckets())
                    .extracting(bucket -> bucket.name())
                    .contains(s3.bucket(), "another-bucket");
        }
    }

    static S3Client client(S3Server s3) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .forcePathStyle(true)
                .build();
    }
}
