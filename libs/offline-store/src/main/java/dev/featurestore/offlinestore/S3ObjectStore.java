package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3://} objects through an AWS SDK v2 {@link S3Client} (the caller builds and closes it).
 * Reads are ranged GETs. A writer buffers {@code partSize} bytes: an object that fits is one PUT;
 * a larger one is a multipart upload, completed on commit and aborted otherwise, so a partial object
 * is never visible.
 */
public final class S3ObjectStore implements ObjectStore {
    /** S3's minimum size of every part but the last. */
    public static final int MINIMUM_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

    private final S3Client client;
    private final int partSize;

    public S3ObjectStore(S3Client client) {
        this(client, DEFAULT_PART_SIZE);
    }

    public S3ObjectStore(S3Client client, int partSize) {
        this.client = requireNonNull(client, "client is null");
        if (partSize < MINIMUM_PART_SIZE) {
            throw new IllegalArgumentException("partSize %d is below S3's minimum of %d bytes".formatted(partSize, MINIMUM_PART_SIZE));
        }
        this.partSize = partSize;
    }

    @Override
    public List<ObjectInfo> list(StorageUri prefix) {
        checkScheme(prefix);
        List<ObjectInfo> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(prefix.bucket()).prefix(prefix.key())).contents()) {
                found.add(new ObjectInfo(StorageUri.s3(prefix.bucket(), object.key()), object.size()));
            }
        } catch (S3Exception e) {
            throw new OfflineStoreException("cannot list %s: %s".formatted(prefix, e.getMessage()), e);
        } catch (SdkClientException e) {
            throw unavailable("list", prefix, e);
        }
        return found;
    }

    @Override
    public long size(StorageUri uri) {
        checkScheme(uri);
        try {
            return client.headObject(request -> request.bucket(uri.bucket()).key(uri.key())).contentLength();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(uri, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFoundException(uri, e);
            }
            throw new OfflineStoreException("cannot read the size of %s: %s".formatted(uri, e.getMessage()), e);
        } catch (SdkClientException e) {
            throw unavailable("read the size of", uri, e);
        }
    }

    @Override
    public byte[] read(StorageUri uri, long offset, int length) {
        byte[] bytes = new byte[length];
        readInto(uri, offset, bytes, 0, length);
        return bytes;
    }

    /** Streams the ranged GET's body straight into the caller's array (no intermediate copy of it). */
    @Override
    public void readInto(StorageUri uri, long offset, byte[] target, int targetOffset, int length) {
        checkScheme(uri);
        if (length == 0) {
            return;
        }
        try (ResponseInputStream<GetObjectResponse> body = client.getObject(request -> request.bucket(uri.bucket()).key(uri.key())
                .range("bytes=%d-%d".formatted(offset, offset + length - 1)))) {
            int read = body.readNBytes(target, targetOffset, length);
            if (read != length) {
                throw new OfflineStoreException("cannot read %d bytes at %d of %s: got %d".formatted(length, offset, uri, read));
            }
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(uri, e);
        } catch (S3Exception | IOException e) {
            throw new OfflineStoreException("cannot read %d bytes at %d of %s: %s".formatted(length, offset, uri, e.getMessage()), e);
        } catch (SdkClientException e) {
            throw unavailable("read", uri, e);
        }
    }

    @Override
    public void put(StorageUri uri, byte[] content) {
        checkScheme(uri);
        requireNonNull(content, "content is null");
        try {
            client.putObject(request -> request.bucket(uri.bucket()).key(uri.key()), RequestBody.fromBytes(content));
        } catch (S3Exception e) {
            throw new OfflineStoreException("cannot write %s: %s".formatted(uri, e.getMessage()), e);
        } catch (SdkClientException e) {
            throw unavailable("write", uri, e);
        }
    }

    @Override
    public ObjectWriter create(StorageUri uri) {
        checkScheme(uri);
        return new MultipartWriter(uri);
    }

    @Override
    public void delete(StorageUri uri) {
        checkScheme(uri);
        try {
            client.deleteObject(request -> request.bucket(uri.bucket()).key(uri.key()));
        } catch (S3Exception e) {
            throw new OfflineStoreException("cannot delete %s: %s".formatted(uri, e.getMessage()), e);
        } catch (SdkClientException e) {
            throw unavailable("delete", uri, e);
        }
    }

    @Override
    public void close() {
    }

    private static void checkScheme(StorageUri uri) {
        requireNonNull(uri, "uri is null");
        if (uri.scheme() != StorageUri.Scheme.S3) {
            throw new IllegalArgumentException("the S3 object store handles s3:// URIs, not %s".formatted(uri));
        }
    }

    /** The S3 API could not be reached at all (connection refused, timeout): an outage, not a problem of the object. */
    private static StorageUnavailableException unavailable(String action, StorageUri uri, SdkClientException cause) {
        return new StorageUnavailableException("cannot %s %s: the S3 API cannot be reached (%s)".formatted(action, uri, cause.getMessage()), cause);
    }

    private final class MultipartWriter extends ObjectWriter {
        private final StorageUri uri;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final List<CompletedPart> parts = new ArrayList<>();
        private String uploadId;
        private long position;

        MultipartWriter(StorageUri uri) {
            this.uri = uri;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            int remaining = length;
            int from = offset;
            while (remaining > 0) {
                int chunk = Math.min(remaining, partSize - buffer.size());
                buffer.write(bytes, from, chunk);
                from += chunk;
                remaining -= chunk;
                position += chunk;
                if (buffer.size() == partSize) {
                    uploadPart();
                }
            }
        }

        private void uploadPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = client.createMultipartUpload(request -> request.bucket(uri.bucket()).key(uri.key())).uploadId();
                }
                int partNumber = parts.size() + 1;
                String eTag = client.uploadPart(
                        request -> request.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(buffer.toByteArray())).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                buffer.reset();
            } catch (S3Exception | SdkClientException e) {
                throw new IOException("cannot upload part %d of %s: %s".formatted(parts.size() + 1, uri, e.getMessage()), e);
            }
        }

        @Override
        protected void doCommit() {
            try {
                if (uploadId == null) {
                    put(uri, buffer.toByteArray());
                    return;
                }
                if (buffer.size() > 0) {
                    uploadPart();
                }
                client.completeMultipartUpload(request -> request.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(parts)));
            } catch (IOException | S3Exception e) {
                doAbort();
                throw new OfflineStoreException("cannot commit %s: %s".formatted(uri, e.getMessage()), e);
            } catch (SdkClientException e) {
                doAbort();
                throw unavailable("commit", uri, e);
            }
        }

        @Override
        protected void doAbort() {
            buffer.reset();
            if (uploadId == null) {
                return;
            }
            try {
                client.abortMultipartUpload(request -> request.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId));
            } catch (S3Exception | SdkClientException e) {
                // The bucket's lifecycle rule for incomplete uploads is the last resort; the object never became visible.
                LOG.warn("Cannot abort multipart upload {} of {}", uploadId, uri, e);
            }
        }
    }
}
