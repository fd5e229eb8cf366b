package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code file://} objects. Writes go to a hidden temporary file next to the target ({@code .name.UUID.tmp})
 * and are renamed into place atomically on commit; listings skip those temporary files.
 */
public final class LocalObjectStore implements ObjectStore {

    @Override
    public List<ObjectInfo> list(StorageUri prefix) {
        checkScheme(prefix);
        Path base = prefix.path();
        // "file:///data/x" lists /data/x itself, everything below /data/x/, and siblings starting with "x".
        Path directory = prefix.key().endsWith("/") ? base : base.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        String keyPrefix = prefix.key();
        List<ObjectInfo> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().startsWith(keyPrefix))
                    .filter(file -> !isTemporary(file))
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(file -> found.add(new ObjectInfo(StorageUri.of(file), sizeOf(file))));
        } catch (IOException | UncheckedIOException e) {
            throw new OfflineStoreException("cannot list %s: %s".formatted(prefix, e.getMessage()), e);
        }
        return found;
    }

    @Override
    public long size(StorageUri uri) {
        checkScheme(uri);
        Path path = uri.path();
        if (!Files.isRegularFile(path)) {
            throw new ObjectNotFoundException(uri);
        }
        return sizeOf(path);
    }

    @Override
    public byte[] read(StorageUri uri, long offset, int length) {
        byte[] bytes = new byte[length];
        readInto(uri, offset, bytes, 0, length);
        return bytes;
    }

    @Override
    public void readInto(StorageUri uri, long offset, byte[] target, int targetOffset, int length) {
        checkScheme(uri);
        try (FileChannel channel = FileChannel.open(uri.path(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(target, targetOffset, length);
            long position = offset;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new OfflineStoreException("cannot read %d bytes at %d of %s: the object has only %d bytes"
                            .formatted(length, offset, uri, channel.size()));
                }
                position += read;
            }
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(uri, e);
        } catch (IOException e) {
            throw new OfflineStoreException("cannot read %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    @Override
    public void put(StorageUri uri, byte[] content) {
        requireNonNull(content, "content is null");
        try (ObjectWriter writer = create(uri)) {
            writer.write(content);
            writer.commit();
        } catch (IOException e) {
            throw new OfflineStoreException("cannot write %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    @Override
    public ObjectWriter create(StorageUri uri) {
        checkScheme(uri);
        Path target = uri.path();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(".%s.%s.tmp".formatted(target.getFileName(), UUID.randomUUID()));
            return new LocalObjectWriter(uri, target, temporary, Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW));
        } catch (IOException e) {
            throw new OfflineStoreException("cannot create %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    @Override
    public void delete(StorageUri uri) {
        checkScheme(uri);
        try {
            Files.deleteIfExists(uri.path());
        } catch (IOException e) {
            throw new OfflineStoreException("cannot delete %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    @Override
    public void close() {
    }

    private static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkScheme(StorageUri uri) {
        requireNonNull(uri, "uri is null");
        if (uri.scheme() != StorageUri.Scheme.FILE) {
            throw new IllegalArgumentException("the local object store handles file:// URIs, not %s".formatted(uri));
        }
    }

    private static final class LocalObjectWriter extends ObjectWriter {
        private final StorageUri uri;
        private final Path target;
        private final Path temporary;
        private final OutputStream output;
        private long position;

        LocalObjectWriter(StorageUri uri, Path target, Path temporary, OutputStream output) {
            this.uri = uri;
            this.target = target;
            this.temporary = temporary;
            this.output = output;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            output.write(bytes, offset, length);
            position += length;
        }

        @Override
        protected void doCommit() {
            try {
                output.close();
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                doAbort();
                throw new OfflineStoreException("cannot commit %s: %s".formatted(uri, e.getMessage()), e);
            }
        }

        @Override
        protected void doAbort() {
            try {
                output.close();
            } catch (IOException ignored) {
                // the temporary file is deleted below either way
            }
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new OfflineStoreException("cannot delete the temporary file of %s: %s".formatted(uri, e.getMessage()), e);
            }
        }
    }
}
