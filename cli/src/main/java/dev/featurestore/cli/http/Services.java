package dev.featurestore.cli.http;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.config.ClientConfig;
import dev.featurestore.cli.config.Service;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** A client per service, sharing one HTTP client, made on first use. */
public final class Services {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ClientConfig config;
    private final Map<Service, ServiceClient> clients = new EnumMap<>(Service.class);
    private HttpClient http;

    public Services(ClientConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    public ClientConfig config() {
        return config;
    }

    public String project() {
        return config.requireProject();
    }

    public synchronized ServiceClient client(Service service) {
        return clients.computeIfAbsent(service, key -> {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
            }
            return new ServiceClient(key.displayName(), config.endpoint(key), config::requireApiKey, http);
        });
    }

    public ServiceClient registry() {
        return client(Service.REGISTRY);
    }

    public ServiceClient serving() {
        return client(Service.SERVING);
    }

    public ServiceClient historical() {
        return client(Service.HISTORICAL);
    }

    public ServiceClient materialization() {
        return client(Service.MATERIALIZATION);
    }

    public ServiceClient monitoring() {
        return client(Service.MONITORING);
    }
}
