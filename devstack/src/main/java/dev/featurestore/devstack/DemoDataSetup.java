package dev.featurestore.devstack;

import static java.util.Objects.requireNonNull;

import dev.featurestore.examples.DemoData;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.S3ObjectStore;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.testkit.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes the demo data of the example repository ({@link DemoData}) into the dev stack's bucket on the
 * first start of a data directory, with "now" the start time. A marker file in the data directory
 * records that it was written; delete it (or the data directory) to write it again.
 */
final class DemoDataSetup {
    static final String MARKER = "demo-data-written";
    static final String PREFIX = "examples/";

    private DemoDataSetup() {
    }

    /** Outcome of the attempt, one line for the console. */
    record Outcome(boolean written, String message) {
        Outcome {
            requireNonNull(message, "message is null");
        }
    }

    /** Writes into the S3 API server's default bucket, under {@value #PREFIX}. */
    static Outcome writeOnFirstStart(Path dataDirectory, S3Server s3, Instant now) {
        try (S3Client client = S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .forcePathStyle(true)
                .build();
                ObjectStore store = new S3ObjectStore(client)) {
            return writeOnFirstStart(dataDirectory, store, StorageUri.s3(s3.bucket(), PREFIX), DemoData.Settings.defaults(now));
        }
    }

    /**
     * Writes the demo data below {@code root} unless the marker says it was written before.
     *
     * @throws RuntimeException when writing fails; no marker is left, so the next start tries again
     */
    static Outcome writeOnFirstStart(Path dataDirectory, ObjectStore store, StorageUri root, DemoData.Settings settings) {
        Path marker = dataDirectory.resolve(MARKER);
        if (Files.exists(marker)) {
            return new Outcome(false, "Demo data already written (delete %s to write it again).".formatted(marker));
        }
        DemoData.Summary summary = DemoData.write(store, root, settings);
        try {
            Files.writeString(marker, "root=%s%nnow=%s%nseed=%d%nfiles=%d%nrows=%d%n".formatted(
                    summary.root(), settings.now(), settings.seed(), summary.files().size(), summary.rows()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot record that the demo data was written", e);
        }
        return new Outcome(true, "Wrote the demo data: %s (see examples/README.md).".formatted(summary.describe()));
    }
}
