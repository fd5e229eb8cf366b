package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}; a bare address is a block of one).
 *
 * @param network the block's first address (bits past the prefix are zero)
 * @param prefixLength how many leading bits the block's addresses share
 */
public record NetworkRange(InetAddress network, int prefixLength) {
    public NetworkRange {
        requireNonNull(network, "network is null");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length %d is not within 0..%d".formatted(prefixLength, bits));
        }
        network = IpLiterals.masked(network, prefixLength);
    }

    /**
     * Parses {@code address/prefix} or a bare address; the address must be a literal (a dotted-quad IPv4 or an IPv6
     * address), never a host name.
     */
    public static NetworkRange parse(String cidr) {
        requireNonNull(cidr, "cidr is null");
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = IpLiterals.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("'%s' is not a dotted-quad IPv4 or an IPv6 address".formatted(address)));
        if (slash < 0) {
            return new NetworkRange(network, network.getAddress().length * 8);
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("'%s' is not a prefix length".formatted(prefix));
        }
        return new NetworkRange(network, Integer.parseInt(prefix));
    }

    /** Whether the address is in the block (an IPv4 address is never in an IPv6 block, nor the other way round). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length && IpLiterals.masked(address, prefixLength).equals(network);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
