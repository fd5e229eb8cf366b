package dev.featurestore.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three redis-server processes with {@code cluster-enabled}: the 16384 slots split in three with
 * CLUSTER ADDSLOTS, joined with CLUSTER MEET, ready once every node reports {@code cluster_state:ok}.
 * No replicas: a test of failover needs more than this.
 */
final class EmbeddedRedisCluster implements RedisCluster {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisCluster.class);
    private static final int MASTERS = 3;
    private static final int SLOTS = 16_384;
    /** Redis 6.2 listens for the cluster bus on the client port plus 10000. */
    private static final int BUS_PORT_OFFSET = 10_000;

    private final List<RedisProcess> nodes;
    private final Path directory;

    private EmbeddedRedisCluster(List<RedisProcess> nodes, Path directory) {
        this.nodes = List.copyOf(nodes);
        this.directory = directory;
    }

    static EmbeddedRedisCluster start() {
        Path directory = Directories.createTemporary("redis-cluster");
        List<RedisProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS; i++) {
                int port = freeClusterPort(nodes);
                Path nodeDirectory = Directories.create(directory.resolve("node-" + port));
                nodes.add(new RedisProcess(port, nodeDirectory, List.of(
                        "cluster-enabled yes",
                        "cluster-config-file nodes.conf",
                        "cluster-node-timeout 5000",
                        "appendonly no",
                        "protected-mode no")));
            }
            CompletableFuture.allOf(nodes.stream()
                    .map(node -> CompletableFuture.runAsync(node::start))
                    .toArray(CompletableFuture[]::new)).join();
            EmbeddedRedisCluster started = new EmbeddedRedisCluster(nodes, directory);
            started.assignSlotsAndJoin();
            LOG.info("Redis Cluster started on {}", started.uris());
            return started;
        } catch (RuntimeException e) {
            nodes.forEach(RedisProcess::stop);
            Directories.deleteRecursively(directory);
            throw e;
        }
    }

    private static int freeClusterPort(List<RedisProcess> taken) {
        while (true) {
            int port = Ports.freePortWithCompanion(BUS_PORT_OFFSET);
            boolean clash = taken.stream().anyMatch(node -> Math.abs(node.port() - port) == BUS_PORT_OFFSET
                    || node.port() == port);
            if (!clash) {
                return port;
            }
        }
    }

    private void assignSlotsAndJoin() {
        for (int i = 0; i < MASTERS; i++) {
            int first = SLOTS * i / MASTERS;
            int last = SLOTS * (i + 1) / MASTERS - 1;
            List<String> command = new ArrayList<>();
            command.add("CLUSTER");
            command.add("ADDSLOTS");
            for (int slot = first; slot <= last; slot++) {
                command.add(String.valueOf(slot));
            }
            try (Resp resp = Resp.connect(Ports.LOOPBACK, nodes.get(i).port())) {
                resp.command(command.toArray(String[]::new));
            }
        }
        try (Resp resp = Resp.connect(Ports.LOOPBACK, nodes.get(0).port())) {
            for (int i = 1; i < MASTERS; i++) {
                resp.command("CLUSTER", "MEET", Ports.LOOPBACK, String.valueOf(nodes.get(i).port()));
            }
        }
        Waits.until("Redis Cluster state ok on every node", Duration.ofSeconds(60),
                () -> nodes.stream().allMatch(EmbeddedRedisCluster::reportsOk));
    }

    private static boolean reportsOk(RedisProcess node) {
        try (Resp resp = Resp.connect(Ports.LOOPBACK, node.port())) {
            String info = (String) resp.command("CLUSTER", "INFO");
            // Every node must also know all masters, or a client may be redirected to a stranger.
            String nodes = (String) resp.command("CLUSTER", "NODES");
            return info.contains("cluster_state:ok") && nodes.lines().filter(line -> line.contains("master")).count() == MASTERS;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<String> uris() {
        return nodes.stream().map(node -> "redis://%s:%d".formatted(Ports.LOOPBACK, node.port())).toList();
    }

    @Override
    public void close() {
        for (RedisProcess node : nodes) {
            node.stop();
        }
        Directories.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "EmbeddedRedisCluster%s".formatted(uris());
    }
}
