package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses a webhook may be sent to: none inside the service's own network unless an operator allows it.
 * Refused: loopback, unspecified, link-local, private and unique-local, carrier-grade NAT, multicast, broadcast,
 * documentation, benchmarking and other reserved blocks (IANA's special-purpose registries), and the same addresses in
 * IPv6 dress (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96} and
 * 6to4 {@code 2002::/16} addresses are judged by the IPv4 address they carry). An address inside one of the
 * operator's allowed networks is allowed, except the cloud metadata addresses and the unspecified addresses, which
 * are never allowed.
 */
public final class AddressRules {
    private static final List<Rule> NEVER_ALLOWED = List.of(
            rule("169.254.169.254", "a cloud metadata address"),
            rule("fd00:ec2::254", "a cloud metadata address"),
            rule("100.100.100.200", "a cloud metadata address"),
            rule("0.0.0.0/8", "an unspecified address"),
            rule("::/128", "an unspecified address"));
    private static final List<Rule> REFUSED = List.of(
            rule("127.0.0.0/8", "a loopback address"),
            rule("10.0.0.0/8", "a private address"),
            rule("172.16.0.0/12", "a private address"),
            rule("192.168.0.0/16", "a private address"),
            rule("100.64.0.0/10", "a carrier-grade NAT address"),
            rule("169.254.0.0/16", "a link-local address"),
            rule("192.0.0.0/24", "a reserved address"),
            rule("192.0.2.0/24", "a documentation address"),
            rule("198.51.100.0/24", "a documentation address"),
            rule("203.0.113.0/24", "a documentation address"),
            rule("192.88.99.0/24", "a reserved address"),
            rule("198.18.0.0/15", "a benchmarking address"),
            rule("224.0.0.0/4", "a multicast address"),
            rule("255.255.255.255/32", "the broadcast address"),
            rule("240.0.0.0/4", "a reserved address"),
            rule("::1/128", "a loopback address"),
            rule("fe80::/10", "a link-local address"),
            rule("fec0::/10", "a private address"),
            rule("fc00::/7", "a private address"),
            rule("ff00::/8", "a multicast address"),
            rule("100::/64", "a reserved address"),
            rule("64:ff9b:1::/48", "a reserved address"),
            rule("2001:2::/48", "a benchmarking address"),
            rule("2001::/23", "a reserved address"),
            rule("2001:db8::/32", "a documentation address"),
            rule("3fff::/20", "a documentation address"));
    private static final NetworkRange NAT64 = NetworkRange.parse("64:ff9b::/96");
    private static final NetworkRange SIX_TO_FOUR = NetworkRange.parse("2002::/16");

    private final List<NetworkRange> allowedNetworks;

    /** @param allowedNetworks blocks an operator allows although the rules refuse them (metadata and unspecified addresses aside) */
    public AddressRules(List<NetworkRange> allowedNetworks) {
        this.allowedNetworks = List.copyOf(requireNonNull(allowedNetworks, "allowedNetworks is null"));
    }

    /** Why a webhook may not be sent to the address, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        requireNonNull(address, "address is null");
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && (isMapped(bytes) || isCompatible(bytes))) {
            return refusal(IpLiterals.lastFourBytes(bytes)).map(reason -> reason + " (in an IPv6 form)");
        }
        for (Rule rule : NEVER_ALLOWED) {
            if (rule.range().contains(address)) {
                return Optional.of(rule.reason());
            }
        }
        if (allowedNetworks.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        for (Rule rule : REFUSED) {
            if (rule.range().contains(address)) {
                return Optional.of(rule.reason());
            }
        }
        if (NAT64.contains(address)) {
            return refusal(IpLiterals.lastFourBytes(bytes)).map(reason -> reason + " (behind NAT64)");
        }
        if (SIX_TO_FOUR.contains(address)) {
            return refusal(IpLiterals.sixToFour(bytes)).map(reason -> reason + " (behind 6to4)");
        }
        return Optional.empty();
    }

    /** {@code ::ffff:a.b.c.d} (the JDK reads most of them as IPv4 already; a hand-made address may not be). */
    private static boolean isMapped(byte[] bytes) {
        return zeros(bytes, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** {@code ::a.b.c.d}, the deprecated IPv4-compatible form; {@code ::} and {@code ::1} are IPv6's own. */
    private static boolean isCompatible(byte[] bytes) {
        return zeros(bytes, 12) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] == 0 || bytes[15] == 1));
    }

    private static boolean zeros(byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Rule rule(String cidr, String reason) {
        return new Rule(NetworkRange.parse(cidr), reason);
    }

    private record Rule(NetworkRange range, String reason) {
    }
}
