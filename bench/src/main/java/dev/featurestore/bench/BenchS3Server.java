package dev.featurestore.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The S3 API server of {@link HistoricalBench}, in a JVM of its own so that its heap and threads do not count as
 * the engine's: s3proxy (the server the testkit embeds) with the {@code filesystem} blob store under a directory,
 * path-style, AWS v4 with the testkit's keys. Prints {@code READY} when it serves; stops when its standard input
 * closes.
 *
 * <p>Not {@code TestStack}: that would start Kafka, PostgreSQL and Redis as well, and its S3 server keeps test data
 * in memory.
 */
public final class BenchS3Server {
    static final String ACCESS_KEY = "featurestore";
    static final String SECRET_KEY = "featurestore-secret";
    static final String REGION = "us-east-1";
    static final String BUCKET = "bench";

    private BenchS3Server() {
    }

    /** Arguments: data directory, port. */
    public static void main(String[] args) throws Exception {
        Path directory = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int port = Integer.parseInt(args[1]);
        FilesystemNio2BlobStore blobStore = new FilesystemNio2BlobStore(directory.toString());
        if (!blobStore.containerExists(BUCKET)) {
            blobStore.createContainer(BUCKET);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:%d".formatted(port)))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .jettyMaxThreads(32)
                .stopTimeout(0)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy on port %d did not start in 30 s".formatted(port));
            }
            Thread.sleep(20);
        }
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes our input (or dies)
        }
        proxy.stop();
        System.exit(0);
    }
}
