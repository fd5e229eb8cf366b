package dev.featurestore.monitoring.domain.webhook;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** {@link HostResolver} of the JDK ({@link InetAddress#getAllByName}: the system's resolver and its cache). */
@Singleton
public class SystemHostResolver implements HostResolver {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
