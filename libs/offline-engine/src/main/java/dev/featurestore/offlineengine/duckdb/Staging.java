package dev.featurestore.offlineengine.duckdb;

import static java.util.Objects.requireNonNull;

import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetObject;
import dev.featurestore.offlinestore.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local copies of source objects for one call, in a directory of its own that {@link #close} deletes. Objects of the
 * S3 API are downloaded (in ranged reads of 8 MB, several objects at once); local files are read where they are, or
 * linked when their hive partition directories must show in their path.
 */
final class Staging implements AutoCloseable {
    private static final int CHUNK = 8 << 20;

    private final ObjectStore store;
    private final Path directory;
    private final ExecutorService executor;
    private final AtomicLong bytes = new AtomicLong();
    private int next;

    Staging(ObjectStore store, Path parent, ExecutorService executor) {
        this.store = requireNonNull(store, "store is null");
        this.executor = requireNonNull(executor, "executor is null");
        try {
            Files.createDirectories(parent);
            this.directory = Files.createTempDirectory(parent, "call-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in %s".formatted(parent), e);
        }
    }

    Path directory() {
        return directory;
    }

    /** Bytes downloaded so far. */
    long bytes() {
        return bytes.get();
    }

    /**
     * Local paths of the objects, in their order.
     *
     * @param source the URI the objects were listed under (their hive partition directories are relative to it)
     * @param keepPartitionPaths whether a local path must end with the object's partition directories
     */
    List<Path> stage(StorageUri source, List<ParquetObject> objects, boolean keepPartitionPaths) {
        Path base = directory.resolve("objects-%d".formatted(next++));
        List<CompletableFuture<Path>> copies = new ArrayList<>();
        for (int index = 0; index < objects.size(); index++) {
            ParquetObject object = objects.get(index);
            Path target = base.resolve(Integer.toString(index)).resolve(relative(source, object.uri(), keepPartitionPaths));
            if (object.uri().scheme() == StorageUri.Scheme.FILE) {
                copies.add(CompletableFuture.completedFuture(keepPartitionPaths ? link(object.uri().path(), target) : object.uri().path()));
            } else {
                copies.add(CompletableFuture.supplyAsync(() -> download(object, target), executor));
            }
        }
        List<Path> paths = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<Path> copy : copies) {
            try {
                paths.add(copy.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return paths;
    }

    /** A local path of one object (an entity file). */
    Path stage(ParquetObject object) {
        return stage(object.uri(), List.of(object), false).get(0);
    }

    private static String relative(StorageUri source, StorageUri object, boolean keepPartitionPaths) {
        String prefix = source.asPrefix().key();
        if (keepPartitionPaths && object.key().startsWith(prefix)) {
            return object.key().substring(prefix.length());
        }
        return object.name();
    }

    private Path download(ParquetObject object, Path target) {
        try {
            Files.createDirectories(target.getParent());
            byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, object.size()))];
            try (OutputStream output = Files.newOutputStream(target)) {
                for (long offset = 0; offset < object.size(); offset += buffer.length) {
                    int length = (int) Math.min(buffer.length, object.size() - offset);
                    store.readInto(object.uri(), offset, buffer, 0, length);
                    output.write(buffer, 0, length);
                    bytes.addAndGet(length);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage %s in %s".formatted(object.uri(), target), e);
        }
    }

    private static Path link(Path file, Path target) {
        try {
            Files.createDirectories(target.getParent());
            return Files.createSymbolicLink(target, file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link %s at %s".formatted(file, target), e);
        }
    }

    @Override
    public void close() {
        WorkDirectories.delete(directory);
    }
}
