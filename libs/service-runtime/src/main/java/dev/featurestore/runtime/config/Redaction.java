package dev.featurestore.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Endpoints as they may be logged or shown in health details: without user info or query (which can carry secrets). */
public final class Redaction {
    private Redaction() {
    }

    public static String redact(URI uri) {
        if (uri.isOpaque()) {
            return uri.getScheme() + ":" + redactOpaque(uri.getSchemeSpecificPart());
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        }
        catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }

    /** A JDBC URL such as {@code jdbc:postgresql://user:secret@host:5432/db?password=x} without user info and parameters. */
    public static String redactJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "";
        }
        String withoutParameters = jdbcUrl.split("[?;]", 2)[0];
        int scheme = withoutParameters.indexOf("//");
        int at = withoutParameters.indexOf('@');
        if (scheme >= 0 && at > scheme) {
            return withoutParameters.substring(0, scheme + 2) + withoutParameters.substring(at + 1);
        }
        return withoutParameters;
    }

    private static String redactOpaque(String part) {
        return part.split("[?;]", 2)[0];
    }
}
