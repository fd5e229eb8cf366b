package dev.featurestore.serving.api;

import dev.featurestore.testkit.TestStack;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link GrpcServingIT} with the service on the testkit's three-master Redis Cluster
 * ({@code featurestore.serving.redis-cluster: true}): the gRPC API answers as HTTP does on either topology.
 */
class RedisClusterGrpcServingIT extends GrpcServingIT {
    @Override
    Map<String, String> moreProperties() {
        Map<String, String> properties = new HashMap<>(super.moreProperties());
        properties.put("featurestore.redis.uri", TestStack.shared().redisCluster().uris().get(0));
        properties.put("featurestore.serving.redis-cluster", "true");
        return properties;
    }
}
