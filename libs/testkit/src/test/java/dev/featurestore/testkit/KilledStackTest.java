package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack's case after {@code kill -9}: a stack with a data directory runs in a JVM of its own (in a process
 * group of its own, as {@code ./devstack.sh} does), is killed with SIGKILL, and the next start on the same ports and
 * directory succeeds at once, stopping what the killed run left behind.
 */
class KilledStackTest {
    /**
     * Without the clean-up the next start waits 30 s for the PostgreSQL port and then fails; with it, the start takes
     * what a fresh one takes (Kafka's 5-20 s on a loaded two-core machine dominate).
     */
    private static final Duration QUICK_START = Duration.ofSeconds(45);

    @TempDir
    Path dataDirectory;

    private Process holder;

    /** Whatever a failed test left running: the holder's group, then its PostgreSQL and Redis. */
    @AfterEach
    void killWhatIsLeft() {
        if (holder != null && holder.isAlive()) {
            ProcessHandle.of(holder.pid()).ifPresent(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
            holder.destroyForcibly();
        }
        Path data = dataDirectory.resolve("postgres/data");
        LeftoverProcesses.stopIfLeftOver(data.resolve("postmaster.pid"), data, "postgres", "INT");
        LeftoverProcesses.stopIfLeftOver(dataDirectory.resolve("redis/redis.pid"), dataDirectory.resolve("redis"), "redis-server", "TERM");
    }

    @Test
    void startsQuicklyAfterItsProcessGroupWasKilledWithSigkill() throws Exception {
        StackOptions options = freePortsIn(dataDirectory);
        holder = startHolder(options);
        long postmaster = awaitPostmaster();

        run("kill", "-KILL", "--", "-" + holder.pid());
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                .as("pg_ctl detaches the postmaster from the killed group").contains(true);

        assertStartsQuicklyWithItsData(options);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void startsQuicklyAfterOnlyItsJvmWasKilledLeavingPostgresAndRedisRunning() throws Exception {
        StackOptions options = freePortsIn(dataDirectory);
        holder = startHolder(options);
        long postmaster = awaitPostmaster();
        long redis = LeftoverProcesses.pidOf(dataDirectory.resolve("redis/redis.pid")).orElseThrow();

        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(redis).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

        assertStartsQuicklyWithItsData(options);
        assertThat(ProcessHandle.of(redis).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void leavesAProcessAloneThatIsNotTheServerOfTheDirectory() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + dataDirectory + "\n");

        assertThat(LeftoverProcesses.stopIfLeftOver(pidFile, dataDirectory, "postgres", "INT")).isFalse();
        assertThat(LeftoverProcesses.stopIfLeftOver(pidFile, dataDirectory, "java", "INT"))
                .as("our own JVM does not work in the data directory").isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    private static StackOptions freePortsIn(Path directory) {
        int kafka = Ports.freePortWithCompanion(1); // the controller listens on the Kafka port + 1
        return new StackOptions(StackMode.EMBEDDED, kafka, Ports.freePortOtherThan(kafka + 1),
                Ports.freePortOtherThan(kafka + 1), Ports.freePortOtherThan(kafka + 1), Optional.of(directory));
    }

    private Process startHolder(StackOptions options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("setsid", java,
                "-Xmx512m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), StackHolder.class.getName(),
                dataDirectory.toString(), String.valueOf(options.kafkaPort()), String.valueOf(options.postgresPort()),
                String.valueOf(options.redisPort()), String.valueOf(options.s3Port())));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolve("holder.log").toFile())
                .start();
    }

    private long awaitPostmaster() {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!holder.isAlive()) {
                throw new IllegalStateException("the stack holder exited: " + Files.readString(dataDirectory.resolve("holder.log")));
            }
            return Files.readString(dataDirectory.resolve("holder.log")).contains(StackHolder.READY);
        });
        return LeftoverProcesses.pidOf(dataDirectory.resolve("postgres/data/postmaster.pid")).orElseThrow();
    }

    private static void assertStartsQuicklyWithItsData(StackOptions options) throws SQLException {
        long started = System.nanoTime();
        try (TestStack stack = TestStack.start(options)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICK_START);
            PostgresServer postgres = stack.postgres();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select 1")) {
                assertThat(resultSet.next()).isTrue();
            }
            assertThat(stack.redis().isRunning()).isTrue();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
