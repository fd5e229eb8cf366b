package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RedisClusterTest {

    @Test
    void spreadsKeysOverThreeMastersAndReadsThemBackThroughTheClusterClient() {
        RedisCluster cluster = TestStack.shared().redisCluster();
        List<RedisURI> seeds = cluster.uris().stream().map(RedisURI::create).toList();
        RedisClusterClient client = RedisClusterClient.create(seeds);
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            List<String> keys = IntStream.range(0, 60).mapToObj(i -> "entity:" + i).toList();
            keys.forEach(key -> connection.sync().set(key, "value-" + key));

            Set<String> mastersHoldingKeys = new HashSet<>();
            for (String key : keys) {
                assertThat(connection.sync().get(key)).isEqualTo("value-" + key);
                int slot = connection.sync().clusterKeyslot(key).intValue();
                RedisClusterNode master = connection.getPartitions().getPartitionBySlot(slot);
                mastersHoldingKeys.add(master.getNodeId());
            }

            assertThat(cluster.uris()).hasSize(3);
            assertThat(connection.getPartitions().getPartitions())
                    .filteredOn(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
                    .hasSize(3);
            assertThat(mastersHoldingKeys).hasSize(3);
            assertThat(connection.sync().clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void isStartedOnceAndShared() {
        assertThat(TestStack.shared().redisCluster()).isSameAs(TestStack.shared().redisCluster());
    }
}
