package dev.featurestore.runtime.health;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * {@code kafka}: {@code describeCluster} through the shared {@link AdminClient}, active when
 * {@code kafka.*} is configured. Replaces micronaut-kafka's own indicator ({@code kafka.health.enabled: false}).
 */
@Singleton
@Requires(beans = KafkaDefaultConfiguration.class)
public final class KafkaHealthIndicator extends DependencyHealthIndicator {
    public static final String NAME = "kafka";

    private final BeanProvider<AdminClient> adminClient;
    private final String bootstrapServers;

    public KafkaHealthIndicator(
            BeanProvider<AdminClient> adminClient,
            KafkaDefaultConfiguration configuration,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            HealthProperties properties) {
        super(NAME, executor, properties);
        this.adminClient = adminClient;
        this.bootstrapServers = String.valueOf(configuration.getConfig().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    @Override
    protected Map<String, Object> location() {
        return Map.of("bootstrap_servers", bootstrapServers);
    }

    @Override
    protected Map<String, Object> probe(Duration timeout) throws Exception {
        long millis = timeout.toMillis();
        DescribeClusterResult cluster = adminClient.get().describeCluster(new DescribeClusterOptions().timeoutMs((int) millis));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster_id", cluster.clusterId().get(millis, TimeUnit.MILLISECONDS));
        Collection<Node> nodes = cluster.nodes().get(millis, TimeUnit.MILLISECONDS);
        details.put("brokers", nodes.size());
        return details;
    }
}
