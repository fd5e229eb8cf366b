package dev.featurestore.offlinestore;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the services may read and write: an operator's allow-list of storage roots ({@code s3://bucket/prefix/}, and
 * {@code file:///path/} only when local files are explicitly allowed, for development). Every source path, entity
 * source and output URI is {@linkplain #normalize(String) normalized} first (scheme and bucket lower-cased, backslashes
 * as slashes, percent-encodings decoded once, empty and {@code .} segments dropped, {@code ..} resolved) and must then lie
 * under one of the roots; what is read or written is the normalized URI, so what was checked is what is used.
 */
public final class StorageRoots {
    /** The property listing the roots (comma-separated in an environment variable). */
    public static final String ALLOWED_ROOTS_PROPERTY = "featurestore.storage.allowed-roots";
    /** The property that allows {@code file://} roots, for development only. */
    public static final String ALLOW_LOCAL_FILES_PROPERTY = "featurestore.storage.allow-local-files";

    /** The longest URI accepted, before normalizing. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):(.*)$", Pattern.DOTALL);
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    private static final Pattern STILL_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final int ECHOED_PREFIX = 80;

    private final List<StorageUri> roots;
    private final boolean localFilesAllowed;

    private StorageRoots(List<StorageUri> roots, boolean localFilesAllowed) {
        this.roots = List.copyOf(roots);
        this.localFilesAllowed = localFilesAllowed;
    }

    /**
     * The allow-list from configuration.
     *
     * @param roots the roots as written by the operator; none means {@code s3://<defaultBucket>/}
     * @param localFilesAllowed whether {@code file://} roots (and so local paths) may be listed
     * @param defaultBucket the configured bucket, the root when none is listed
     * @throws IllegalArgumentException naming the bad root and why
     */
    public static StorageRoots of(List<String> roots, boolean localFilesAllowed, String defaultBucket) {
        requireNonNull(roots, "roots is null");
        requireNonNull(defaultBucket, "defaultBucket is null");
        List<String> listed = roots.stream().map(String::strip).filter(root -> !root.isEmpty()).toList();
        if (listed.isEmpty()) {
            listed = List.of("s3://%s/".formatted(defaultBucket));
        }
        List<StorageUri> parsed = new ArrayList<>();
        for (String root : listed) {
            StorageUri uri;
            try {
                uri = normalize(root);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("storage root '%s': %s".formatted(root, e.getMessage()), e);
            }
            if (uri.scheme() == StorageUri.Scheme.FILE && !localFilesAllowed) {
                throw new IllegalArgumentException(
                        "storage root '%s' is a local path, allowed only with local files enabled (development only)".formatted(root));
            }
            parsed.add(uri.asPrefix());
        }
        return new StorageRoots(parsed, localFilesAllowed);
    }

    /**
     * {@link #of} for a service's start-up: a bad root fails naming {@value #ALLOWED_ROOTS_PROPERTY}.
     */
    public static StorageRoots fromConfiguration(List<String> roots, boolean localFilesAllowed, String defaultBucket) {
        try {
            return of(roots, localFilesAllowed, defaultBucket);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%s: %s%s".formatted(ALLOWED_ROOTS_PROPERTY, e.getMessage(),
                    e.getMessage().contains("local path") ? " (set %s=true)".formatted(ALLOW_LOCAL_FILES_PROPERTY) : ""), e);
        }
    }

    /** Only the bucket: {@code s3://<bucket>/}, no local files. */
    public static StorageRoots bucket(String bucket) {
        return of(List.of(), false, bucket);
    }

    /** The roots, normalized, each ending with a slash. */
    public List<StorageUri> roots() {
        return roots;
    }

    public boolean localFilesAllowed() {
        return localFilesAllowed;
    }

    /**
     * Normalizes {@code text} and checks that it lies under a root.
     *
     * @return the normalized URI, the one to read or write
     * @throws IllegalArgumentException saying why (echoing at most a short prefix of the text)
     */
    public StorageUri check(String text) {
        StorageUri uri = normalize(text);
        if (uri.scheme() == StorageUri.Scheme.FILE && !localFilesAllowed) {
            throw new IllegalArgumentException("'%s': local paths (file://) are not allowed; use s3:// under %s"
                    .formatted(shortened(text), describeRoots()));
        }
        if (!isUnderRoot(uri)) {
            throw new IllegalArgumentException("'%s' is outside the allowed storage roots %s".formatted(shortened(text), describeRoots()));
        }
        return uri;
    }

    /**
     * Checks a URI already parsed (its key decoded, as {@link StorageUri#parse} does), as an object store is handed
     * it: a {@code .} or {@code ..} segment is refused rather than resolved (the store would use the key as it is),
     * nothing is decoded again (keys may hold a literal {@code %}, as URL-encoded hive partition values do), and it
     * must lie under a root.
     *
     * @return the URI
     * @throws IllegalArgumentException saying why
     */
    public StorageUri check(StorageUri uri) {
        requireNonNull(uri, "uri is null");
        String text = uri.toString();
        if (uri.scheme() == StorageUri.Scheme.FILE && !localFilesAllowed) {
            throw new IllegalArgumentException("'%s': local paths (file://) are not allowed".formatted(shortened(text)));
        }
        for (String segment : uri.key().split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("'%s' holds a '%s' segment".formatted(shortened(text), segment));
            }
        }
        checkNoControlCharacters(text, uri.key());
        if (!isUnderRoot(uri)) {
            throw new IllegalArgumentException("'%s' is outside the allowed storage roots %s".formatted(shortened(text), describeRoots()));
        }
        return uri;
    }

    private boolean isUnderRoot(StorageUri uri) {
        for (StorageUri root : roots) {
            if (root.scheme() != uri.scheme() || !root.bucket().equals(uri.bucket())) {
                continue;
            }
            String prefix = root.key();
            if (prefix.isEmpty() || prefix.equals("/") || uri.key().startsWith(prefix) || uri.key().equals(prefix.substring(0, prefix.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private String describeRoots() {
        return roots.stream().map(StorageUri::toString).toList().toString();
    }

    /**
     * The canonical form of {@code s3://bucket/key} or {@code file:///path}: scheme ({@code s3a} as {@code s3}) and
     * bucket lower-cased, backslashes as slashes, percent-encodings decoded once (one left after decoding, a control
     * character, a query, a fragment, user info or a port is refused), empty and {@code .} segments dropped, {@code ..}
     * resolved (refused when it climbs above the bucket or the file system root). A trailing slash is kept.
     *
     * @throws IllegalArgumentException saying what is wrong (echoing at most a short prefix of the text)
     */
    public static StorageUri normalize(String text) {
        requireNonNull(text, "text is null");
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "longer than %d characters".formatted(MAX_LENGTH));
        }
        if (text.isBlank()) {
            throw invalid(text, "empty; expected s3://bucket/prefix");
        }
        checkNoControlCharacters(text, text);
        Matcher matcher = SCHEME.matcher(text.strip());
        if (!matcher.matches()) {
            throw invalid(text, "no scheme; expected s3://bucket/prefix");
        }
        String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
        String rest = matcher.group(2);
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw invalid(text, "a query or fragment ('?', '#') is not allowed");
        }
        String decoded = percentDecode(text, rest.replace('\\', '/')).replace('\\', '/');
        checkNoControlCharacters(text, decoded);
        if (STILL_ENCODED.matcher(decoded).find()) {
            throw invalid(text, "percent-encoded more than once");
        }
        if (!decoded.startsWith("//")) {
            throw invalid(text, "expected %s".formatted(scheme.equals("file") ? "file:///absolute/path" : "s3://bucket/prefix"));
        }
        String afterSlashes = decoded.substring(2);
        int slash = afterSlashes.indexOf('/');
        String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
        String path = slash < 0 ? "" : afterSlashes.substring(slash);
        return switch (scheme) {
            case "s3", "s3a" -> {
                if (authority.isEmpty()) {
                    throw invalid(text, "no bucket; expected s3://bucket/prefix");
                }
                if (authority.contains("@") || authority.contains(":")) {
                    throw invalid(text, "user info or a port is not allowed; expected s3://bucket/prefix");
                }
                String bucket = authority.toLowerCase(Locale.ROOT);
                if (!BUCKET.matcher(bucket).matches()) {
                    throw invalid(text, "not a valid bucket name");
                }
                yield StorageUri.s3(bucket, resolveSegments(text, path, "the bucket"));
            }
            case "file" -> {
                if (!authority.isEmpty()) {
                    throw invalid(text, "file URIs take no host; expected file:///absolute/path");
                }
                yield new StorageUri(StorageUri.Scheme.FILE, "", "/" + resolveSegments(text, path, "the file system root"));
            }
            default -> throw invalid(text, "unsupported scheme '%s'; expected s3:// (or file:// where local files are enabled)"
                    .formatted(shortened(scheme)));
        };
    }

    /** The path's segments without empty ones and {@code .}, {@code ..} resolved, joined by slashes, trailing slash kept. */
    private static String resolveSegments(String text, String path, String top) {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (segments.isEmpty()) {
                    throw invalid(text, "'..' climbs above %s".formatted(top));
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(part);
        }
        String last = parts[parts.length - 1];
        boolean directory = last.isEmpty() || last.equals(".") || last.equals("..");
        String joined = String.join("/", segments);
        return directory && !joined.isEmpty() ? joined + "/" : joined;
    }

    private static String percentDecode(String text, String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw invalid(text, "a '%' not followed by two hex digits");
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw invalid(text, "a '%' not followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int codePoint = value.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(text, "percent-encodings that are not UTF-8");
        }
    }

    private static void checkNoControlCharacters(String text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid(text, "contains a control character (code %d)".formatted((int) c));
            }
        }
    }

    /** At most a short prefix of a value, control characters replaced: errors never echo a whole input. */
    static String shortened(String value) {
        String prefix = value.length() > ECHOED_PREFIX ? value.substring(0, ECHOED_PREFIX) + "..." : value;
        StringBuilder clean = new StringBuilder(prefix.length());
        prefix.codePoints().forEach(c -> clean.append(c < 0x20 || c == 0x7f ? "?" : new String(Character.toChars(c))));
        return clean.toString();
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid storage URI '%s': %s".formatted(shortened(text), reason));
    }
}
