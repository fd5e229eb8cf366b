package dev.featurestore.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts stacks: the shared one (once per JVM) and stacks of their own. */
final class Stacks {
    private static final Logger LOG = LoggerFactory.getLogger(Stacks.class);
    private static final Object SHARED_LOCK = new Object();
    private static TestStack shared;
    private static RuntimeException sharedFailure;

    private Stacks() {
    }

    static TestStack shared() {
        synchronized (SHARED_LOCK) {
            if (shared != null) {
                return shared;
            }
            if (sharedFailure != null) {
                throw new IllegalStateException("the shared test stack failed to start earlier in this JVM", sharedFailure);
            }
            Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
            try {
                shared = start(StackOptions.forTests(), true);
                return shared;
            } catch (RuntimeException e) {
                sharedFailure = e;
                haltIfThreadsLinger(threadsBefore, e);
                throw e;
            }
        }
    }

    static TestStack start(StackOptions options, boolean closeOnShutdown) {
        long started = System.nanoTime();
        DefaultTestStack stack = switch (options.mode()) {
            case EMBEDDED -> startServers(options, EmbeddedServers.INSTANCE, EmbeddedRedisCluster::start, EmbeddedServers.INSTANCE);
            // Only this branch loads Testcontainers classes.
            case CONTAINERS -> ContainerServers.stack(options);
            case EXTERNAL -> ExternalServers.stack(System::getenv);
        };
        if (closeOnShutdown) {
            stack.closeOnShutdown();
        }
        LOG.info("Test stack started in {} ms: {}", (System.nanoTime() - started) / 1_000_000, stack);
        return stack;
    }

    /** Starts the four servers in parallel; when one fails, closes those that started and rethrows. */
    static DefaultTestStack startServers(
            StackOptions options,
            ServerFactory servers,
            Supplier<RedisCluster> clusterStarter,
            ServerFactory dedicatedServers) {
        Optional<Path> data = options.dataDirectory();
        CompletableFuture<KafkaServer> kafka = startAsync(
                () -> servers.kafka(options.kafkaPort(), data.map(directory -> directory.resolve("kafka"))));
        CompletableFuture<PostgresServer> postgres = startAsync(
                () -> servers.postgres(options.postgresPort(), data.map(directory -> directory.resolve("postgres"))));
        CompletableFuture<RedisServer> redis = startAsync(
                () -> servers.redis(options.redisPort(), data.map(directory -> directory.resolve("redis"))));
        CompletableFuture<S3Server> s3 = startAsync(
                () -> servers.s3(options.s3Port(), data.map(directory -> directory.resolve("s3"))));
        List<CompletableFuture<? extends AutoCloseable>> all = List.of(kafka, postgres, redis, s3);
        List<Throwable> failures = new ArrayList<>();
        List<AutoCloseable> started = new ArrayList<>();
        for (CompletableFuture<? extends AutoCloseable> future : all) {
            try {
                started.add(future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause() == null ? e : e.getCause());
            }
        }
        if (!failures.isEmpty()) {
            closeAll(started);
            IllegalStateException failure = new IllegalStateException("the test stack did not start", failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return new DefaultTestStack(options.mode(), kafka.join(), postgres.join(), redis.join(), s3.join(),
                clusterStarter, dedicatedServers);
    }

    private static <T> CompletableFuture<T> startAsync(Supplier<T> starter) {
        return CompletableFuture.supplyAsync(starter, daemonThreads("testkit-start"));
    }

    /** Closes the servers in parallel; the first failure is rethrown once all are closed. */
    static void closeAll(List<? extends AutoCloseable> servers) {
        List<CompletableFuture<Void>> closing = servers.stream()
                .map(server -> CompletableFuture.runAsync(() -> {
                    try {
                        server.close();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, daemonThreads("testkit-close")))
                .toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> future : closing) {
            try {
                future.join();
            } catch (CompletionException e) {
                LOG.warn("A test server did not close cleanly", e.getCause());
                if (failure == null) {
                    failure = new IllegalStateException("a test server did not close cleanly", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Executor daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Kafka's threads are not daemons: if a failed start left some behind, the test JVM would never
     * exit and Maven would hang. Better to end the JVM with the cause on stderr.
     */
    private static void haltIfThreadsLinger(Set<Thread> threadsBefore, RuntimeException cause) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Thread> lingering = lingeringThreads(threadsBefore);
        while (!lingering.isEmpty() && System.nanoTime() < deadline) {
            Waits.pause(Duration.ofMillis(200));
            lingering = lingeringThreads(threadsBefore);
        }
        if (!lingering.isEmpty()) {
            System.err.println("The shared test stack failed to start and left non-daemon threads running %s; halting the JVM."
                    .formatted(lingering.stream().map(Thread::getName).toList()));
            cause.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static List<Thread> lingeringThreads(Set<Thread> threadsBefore) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !threadsBefore.contains(thread))
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .filter(thread -> thread != Thread.currentThread())
                .toList();
    }
}
