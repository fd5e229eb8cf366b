package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where an object or a prefix of objects lives: {@code s3://bucket/key} or {@code file:///absolute/path}.
 *
 * <p>For {@code s3} the key has no leading slash and may be empty (the whole bucket). For {@code file}
 * the bucket is empty and the key is the absolute path, with its leading slash.
 */
public record StorageUri(Scheme scheme, String bucket, String key) {

    public enum Scheme {
        S3,
        FILE
    }

    public StorageUri {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    /**
     * Parses {@code s3://bucket/prefix} or {@code file:///path}.
     *
     * @throws IllegalArgumentException naming the URI and what is wrong with it
     */
    public static StorageUri parse(String text) {
        requireNonNull(text, "text is null");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, "not a URI (%s)".formatted(e.getReason()), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw invalid(text, "no scheme; expected s3://bucket/prefix or file:///path", null);
        }
        switch (scheme) {
            case "s3", "s3a" -> {
                String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
                if (bucket == null || bucket.isEmpty()) {
                    throw invalid(text, "no bucket; expected s3://bucket/prefix", null);
                }
                if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                    throw invalid(text, "'%s' is not a valid bucket name".formatted(bucket), null);
                }
                String path = uri.getRawPath() == null ? "" : uri.getPath();
                return new StorageUri(Scheme.S3, bucket, path.startsWith("/") ? path.substring(1) : path);
            }
            case "file" -> {
                if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
                    throw invalid(text, "file URIs take no host; expected file:///absolute/path", null);
                }
                String path = uri.getPath();
                if (path == null || !path.startsWith("/")) {
                    throw invalid(text, "not an absolute path; expected file:///absolute/path", null);
                }
                return new StorageUri(Scheme.FILE, "", path);
            }
            default -> throw invalid(text, "unsupported scheme '%s'; expected s3 or file".formatted(scheme), null);
        }
    }

    public static StorageUri of(Path path) {
        return new StorageUri(Scheme.FILE, "", path.toAbsolutePath().normalize().toString());
    }

    public static StorageUri s3(String bucket, String key) {
        return new StorageUri(Scheme.S3, bucket, key);
    }

    /** The local path of a {@code file://} URI. */
    public Path path() {
        if (scheme != Scheme.FILE) {
            throw new IllegalStateException("%s is not a file URI".formatted(this));
        }
        return Paths.get(key);
    }

    /** This URI with {@code name} appended as a child ({@code a/b} + {@code c} = {@code a/b/c}). */
    public StorageUri resolve(String name) {
        requireNonNull(name, "name is null");
        if (key.isEmpty() || key.endsWith("/")) {
            return new StorageUri(scheme, bucket, key + name);
        }
        return new StorageUri(scheme, bucket, key + "/" + name);
    }

    /** This URI as a directory-like prefix: with a trailing slash unless empty. */
    public StorageUri asPrefix() {
        if (key.isEmpty() || key.endsWith("/")) {
            return this;
        }
        return new StorageUri(scheme, bucket, key + "/");
    }

    /** The last segment of the key. */
    public String name() {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return switch (scheme) {
            case S3 -> "s3://%s/%s".formatted(bucket, key);
            case FILE -> "file://" + key;
        };
    }

    private static IllegalArgumentException invalid(String text, String reason, Exception cause) {
        return new IllegalArgumentException("invalid storage URI '%s': %s".formatted(text, reason), cause);
    }
}
