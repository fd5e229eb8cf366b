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
final class EmbeddedS3Server extends EmbeddedServer<S3Proxy> implements S3Server {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
    static final String ACCESS_KEY = "featurestore";
    static final String SECRET_KEY = "featurestore-secret";
    static final String REGION = "us-east-1";
    static final String BUCKET = "featurestore";

    private final BlobStore blobStore;

    private EmbeddedS3Server(int port, BlobStore blobStore) {
        super(port);
        this.blobStore = requireNonNull(blobStore, "blobStore is null");
    }

    static EmbeddedS3Server start(int port, Optional<Path> dataDirectory) {
        BlobStore blobStore = dataDirectory
                .<BlobStore>map(directory -> new FilesystemNio2BlobStore(Directories.create(directory).toAbsolutePath().toString()))
                .orElseGet(TransientNio2BlobStore::new);
        return startOrClose(new EmbeddedS3Server(Ports.orFree(port), blobStore), server -> {
            server.start();
            server.createBucket(BUCKET);
        });
    }

    @Override
    S3Proxy launch() {
        S3Proxy starting = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .jettyMaxThreads(32)
                .stopTimeout(0) // no graceful wait for idle keep-alive connections: a stop is a fault
                .build();
        try {
            starting.start();
            Waits.until("s3proxy on port %d".formatted(port()), Duration.ofSeconds(30),
                    () -> "STARTED".equals(starting.getState()));
        } catch (Exception e) {
            stopQuietly(starting);
            throw new IllegalStateException("s3proxy on port %d did not start".formatted(port()), e);
        }
        LOG.info("S3 API (s3proxy) started on {}", endpoint());
        return starting;
    }

    @Override
    void halt(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy on port %d did not stop".formatted(port()), e);
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
    public String endpoint() {
        return "http://%s:%d".formatted(Ports.LOOPBACK, port());
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
    void release() {
        blobStore.close();
    }

    @Override
    public String toString() {
        return "EmbeddedS3Server[%s]".formatted(endpoint());
    }
}
