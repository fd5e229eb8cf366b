package dev.featurestore.monitoring;

import dev.featurestore.monitoring.domain.webhook.HostResolver;
import dev.featurestore.monitoring.domain.webhook.SystemHostResolver;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The system resolver, with names a test answers itself (and changes, as a DNS record would change). */
@Singleton
@Replaces(HostResolver.class)
public class TestingHostResolver implements HostResolver {
    private final HostResolver system = new SystemHostResolver();
    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();

    /** From now on the name resolves to these addresses (literals). */
    public void answer(String host, String... addresses) {
        answers.put(host, List.of(addresses).stream().map(TestingHostResolver::literal).toList());
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> answer = answers.get(host);
        return answer != null ? answer : system.resolve(host);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
