package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStreamTest {
    @Test
    void theExampleRepositoryNamesTheTopicOfItsKafkaSource() {
        assertThat(DemoStream.topicOf(Path.of("..", "examples", "feature_repo"))).contains("demo.driver-status");
    }

    @Test
    void aRepositoryWithoutTheKafkaSourceHasNoDemoStream(@TempDir Path repository) throws IOException {
        Files.writeString(repository.resolve("sources.yaml"), """
                data_sources:
                  - {name: driver_status_stream, type: parquet, path: "s3://b/p/", timestamp_field: ts}
                """);

        assertThat(DemoStream.topicOf(repository)).isEmpty();
    }
}
