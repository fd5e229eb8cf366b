package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * s3proxy in-process: the {@code filesystem} blob store under the data directory (kept), or the
 * in-memory {@code transient} one for tests (kept across {@link #stop()} and {@link #start()}, gone
 * on {@link #close()}). Path-style requests, AWS signature v2 or v4 with fixed keys.
 */
final class EmbeddedS3Server implements S3Server {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
    static final String ACCESS_KEY = "featurestore";
    static final String SECRET_KEY = "featurestore-secret";
    static final String REGION = "us-east-1";
    static final String BUCKET = "featurestore";

    private final int port;
    private final BlobStore blobStore;
    private S3Proxy proxy;

    private EmbeddedS3Server(int port, BlobStore blobStore) {
        this.port = port;
        this.blobStore = requireNonNull(blobStore, "blobStore is null");
    }

    static EmbeddedS3Server start(int port, Optional<Path> dataDirectory) {
        BlobStore blobStore = dataDirectory
                .<BlobStore>map(directory -> new FilesystemNio2BlobStore(Directories.create(directory).toAbsolutePath().toString()))
                .orElseGet(TransientNio2BlobStore::new);
        EmbeddedS3Server server = new EmbeddedS3Server(Ports.orFree(port), blobStore);
        try {
            server.start();
            server.createBucket(BUCKET);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        Ports.awaitReleased(port, Duration.ofSeconds(30));
        S3Proxy starting = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .jettyMaxThreads(32)
                .stopTimeout(0) // no graceful wait for idle keep-alive connections: a stop is a fault
                .build();
        try {
            starting.start();
            Waits.until("s3proxy on port %d".formatted(port), Duration.ofSeconds(30),
                    () -> "STARTED".equals(starting.getState()));
        } catch (Exception e) {
            stopQuietly(starting);
            throw new IllegalStateException("s3proxy on port %d did not start".formatted(port), e);
        }
        proxy = starting;
        LOG.info("S3 API (s3proxy) started on {}", endpoint());
    }

    @Override
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        S3Proxy stopping = proxy;
        proxy = null;
        try {
            stopping.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy on port %d did not stop".formatted(port), e);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // already failing
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return proxy != null;
    }

    @Override
    public String endpoint() {
        return "http://%s:%d".formatted(Ports.LOOPBACK, port);
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String bucket() {
        return BUCKET;
    }

    @Override
    public void createBucket(String name) {
        requireNonNull(name, "name is null");
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            blobStore.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedS3Server[%s]".formatted(endpoint());
    }
}
