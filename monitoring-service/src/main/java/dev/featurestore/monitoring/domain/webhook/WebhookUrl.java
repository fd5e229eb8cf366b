package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A webhook's URL, read strictly: {@code https} (or {@code http} when allowed), at most {@link #MAX_LENGTH} printable
 * ASCII characters, a host that is a DNS name of letters, digits and hyphens, a dotted-quad IPv4 address or a bracketed
 * IPv6 address (no decimal, octal or hex IPv4 forms such as {@code 2130706433}, {@code 0177.0.0.1} or
 * {@code 0x7f.1}, no zone), a port from 1 to 65535, no user info and no fragment.
 *
 * @param host the host as written, lower case, without brackets or a trailing dot
 * @param literal the address when the host is an IP address literal
 * @param target the path and query sent in the request line
 */
public record WebhookUrl(String url, boolean https, String host, Optional<InetAddress> literal, int port, String target) {
    /** The longest URL accepted. */
    public static final int MAX_LENGTH = 2048;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9].*|0x.*");

    public WebhookUrl {
        requireNonNull(url, "url is null");
        requireNonNull(host, "host is null");
        requireNonNull(literal, "literal is null");
        requireNonNull(target, "target is null");
    }

    /**
     * Reads a URL.
     *
     * @throws WebhookTargetException saying what is wrong with it
     */
    public static WebhookUrl parse(String url, boolean allowHttp) throws WebhookTargetException {
        requireNonNull(url, "url is null");
        if (url.length() > MAX_LENGTH) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "longer than %d characters".formatted(MAX_LENGTH));
        }
        if (!url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "holds a space, a control or a non-ASCII character (percent-encode it, punycode for host names)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, allowHttp ? "not an http or https URL" : "not an https URL (plain http is not allowed here)");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "holds user info (user@ or user:password@): credentials go in the secret, never in the URL");
        }
        if (uri.getRawFragment() != null) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "has a fragment (#...)");
        }
        if (uri.getHost() == null) {
            // java.net.URI found no server in it: say what is wrong with the host when it is the host
            hostLiteral(uri.getRawAuthority().replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT));
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "has no valid host (a DNS name, a dotted-quad IPv4 or a bracketed IPv6 address) or port");
        }
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "port %d is not within 1..65535".formatted(uri.getPort()));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal;
        if (host.startsWith("[")) {
            String inside = host.substring(1, host.length() - 1);
            literal = inside.contains("%") ? Optional.empty() : IpLiterals.parse(inside);
            if (literal.isEmpty()) {
                throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "host %s is not an IPv6 address (zones are not accepted)".formatted(shortened(host)));
            }
            host = inside;
        } else {
            host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            literal = hostLiteral(host);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new WebhookUrl(url, scheme.equals("https"), host, literal, port, uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    /** The value of the {@code Host} header: the host, bracketed when IPv6, with the port when it is not the scheme's. */
    public String authority() {
        String name = literal.filter(address -> address.getAddress().length == 16).isPresent() ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }

    /** The start of a value for an error message: bad input is never echoed whole. */
    public static String shortened(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }

    private static Optional<InetAddress> hostLiteral(String host) throws WebhookTargetException {
        if (host.isEmpty() || host.length() > 253) {
            throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "host name is empty or longer than 253 characters");
        }
        String[] labels = host.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            // a name ending in a number is an IPv4 address to URL parsers and resolvers: only the dotted quad is unambiguous
            Optional<InetAddress> address = IpLiterals.DOTTED_QUAD.matcher(host).matches() ? IpLiterals.parse(host) : Optional.empty();
            if (address.isEmpty()) {
                throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "host %s is a numeric form other than a dotted-quad IPv4 address (decimal, octal and hex forms are refused)"
                        .formatted(shortened(host)));
            }
            return address;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new WebhookTargetException(DeliveryError.URL_NOT_ALLOWED, "host %s is not a DNS name of letters, digits and hyphens".formatted(shortened(host)));
            }
        }
        return Optional.empty();
    }
}
