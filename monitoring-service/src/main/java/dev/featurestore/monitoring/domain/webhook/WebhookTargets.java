package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.config.WebhookTargetProperties;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may be sent: the URL's rules ({@link WebhookUrl}) and the address rules ({@link AddressRules}) for
 * every address its host resolves to. Applied when a webhook is registered and again before each delivery attempt,
 * whose request goes to the addresses vetted then (no second lookup).
 */
@Singleton
public class WebhookTargets {
    private final boolean allowHttp;
    private final AddressRules addresses;
    private final HostResolver resolver;

    @Inject
    public WebhookTargets(WebhookTargetProperties properties, HostResolver resolver) {
        this(properties.allowHttp(), properties.networks(), resolver);
    }

    public WebhookTargets(boolean allowHttp, List<NetworkRange> allowedNetworks, HostResolver resolver) {
        this.allowHttp = allowHttp;
        this.addresses = new AddressRules(allowedNetworks);
        this.resolver = requireNonNull(resolver, "resolver is null");
    }

    /**
     * Reads the URL and resolves its host, refusing it when the URL breaks a rule or any of its addresses is refused.
     *
     * @throws WebhookTargetException why it is refused
     * @throws UnknownHostException when the host cannot be resolved (now)
     */
    public Target vet(String url) throws WebhookTargetException, UnknownHostException {
        WebhookUrl parsed = WebhookUrl.parse(url, allowHttp);
        List<InetAddress> resolved = parsed.literal().isPresent() ? List.of(parsed.literal().get()) : resolver.resolve(parsed.host());
        if (resolved.isEmpty()) {
            throw new UnknownHostException("no address");
        }
        for (InetAddress address : resolved) {
            Optional<String> refusal = addresses.refusal(address);
            if (refusal.isPresent()) {
                throw new WebhookTargetException(DeliveryError.ADDRESS_NOT_ALLOWED, parsed.literal().isPresent()
                        ? "host is %s".formatted(refusal.get())
                        : "host %s resolves to %s".formatted(WebhookUrl.shortened(parsed.host()), refusal.get()));
            }
        }
        return new Target(parsed, resolved);
    }

    /**
     * A URL that passed the rules and the addresses its host had then, every one allowed.
     *
     * @param addresses where to connect, in the resolver's order
     */
    public record Target(WebhookUrl url, List<InetAddress> addresses) {
        public Target {
            requireNonNull(url, "url is null");
            addresses = List.copyOf(addresses);
        }
    }
}
