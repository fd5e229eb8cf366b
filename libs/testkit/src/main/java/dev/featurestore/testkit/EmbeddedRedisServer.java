package dev.featurestore.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A standalone redis-server process. Its append-only file lives in its directory (the data
 * directory when given, else a temporary one deleted on close), so a stop and start keeps the data.
 */
final class EmbeddedRedisServer implements RedisServer {
    private final RedisProcess process;
    private final Path directory;
    private final boolean temporary;

    private EmbeddedRedisServer(RedisProcess process, Path directory, boolean temporary) {
        this.process = process;
        this.directory = directory;
        this.temporary = temporary;
    }

    static EmbeddedRedisServer start(int port, Optional<Path> dataDirectory) {
        Path directory = dataDirectory.map(Directories::create).orElseGet(() -> Directories.createTemporary("redis"));
        Path pidFile = directory.resolve("redis.pid");
        if (dataDirectory.isPresent()) {
            // A redis-server of this directory whose JVM alone was killed: SIGTERM saves and exits.
            LeftoverProcesses.stopIfLeftOver(pidFile, directory, "redis-server", "TERM");
        }
        RedisProcess process = new RedisProcess(Ports.orFree(port), directory, List.of(
                "pidfile " + pidFile.toAbsolutePath(),
                "appendonly yes",
                "appendfsync everysec",
                "save 60 1",
                "protected-mode no",
                "maxclients 1000"));
        EmbeddedRedisServer redis = new EmbeddedRedisServer(process, directory, dataDirectory.isEmpty());
        return EmbeddedServer.startOrClose(redis, ManagedServer::start);
    }

    @Override
    public void stop() {
        process.stop();
    }

    @Override
    public void start() {
        process.start();
    }

    @Override
    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public String host() {
        return Ports.LOOPBACK;
    }

    @Override
    public int port() {
        return process.port();
    }

    @Override
    public String uri() {
        return "redis://%s:%d".formatted(host(), port());
    }

    @Override
    public void close() {
        try {
            process.stop();
        } finally {
            if (temporary) {
                Directories.deleteRecursively(directory);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedRedisServer[%s]".formatted(uri());
    }
}
