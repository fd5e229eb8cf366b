package dev.featurestore.monitoring.domain.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals read without any name lookup, and the bit operations the address rules need. */
final class IpLiterals {
    /** Four decimal numbers 0..255 without leading zeros (a leading zero means octal to some resolvers). */
    static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {
    }

    /** A dotted-quad IPv4 or an IPv6 address (no brackets, no zone); empty for anything else, host names included. */
    static Optional<InetAddress> parse(String text) {
        try {
            if (DOTTED_QUAD.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                // a text of hex digits, ':' and '.' with a ':' is read as an IPv6 literal, never looked up
                return Optional.of(InetAddress.getByName(text));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The address with every bit past the first {@code prefixLength} cleared. */
    static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
        }
        return of(bytes);
    }

    /** The IPv4 address in the last four bytes of an IPv6 address. */
    static Inet4Address lastFourBytes(byte[] ipv6) {
        return (Inet4Address) of(new byte[] {ipv6[12], ipv6[13], ipv6[14], ipv6[15]});
    }

    /** The IPv4 address in bytes 2..5 of an IPv6 address (6to4, {@code 2002::/16}). */
    static Inet4Address sixToFour(byte[] ipv6) {
        return (Inet4Address) of(new byte[] {ipv6[2], ipv6[3], ipv6[4], ipv6[5]});
    }

    private static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
