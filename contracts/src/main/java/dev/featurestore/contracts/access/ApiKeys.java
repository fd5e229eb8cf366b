package dev.featurestore.contracts.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key format, {@code fsk_<key id>_<secret>}: a 12-character lower-case hex key id (public: listed, bound to
 * roles as {@code key:<key id>}) and 43 base64url characters of secret (256 random bits). Only the SHA-256 of the whole
 * key is stored; with 256 random bits a fast hash is as safe as a slow one, and it keeps the per-request check to a
 * microsecond.
 */
public final class ApiKeys {
    public static final String PREFIX = "fsk_";
    public static final String PRINCIPAL_PREFIX = "key:";
    private static final Pattern FORMAT = Pattern.compile("fsk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new key and what the registry stores of it. */
    public record NewKey(String keyId, String key, String secretSha256) {
    }

    /** A presented key split into its parts. */
    public record Presented(String keyId, String key) {
    }

    public static NewKey generate() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String key = PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(keyId, key, sha256Hex(key));
    }

    /**
     * The parts of a presented credential, when it has the API key format.
     *
     * @param credential what the caller sent
     * @return its key id and the whole key, or empty when it is not an API key
     */
    public static Optional<Presented> parse(String credential) {
        if (credential == null || credential.length() != 60) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(credential);
        return matcher.matches() ? Optional.of(new Presented(matcher.group(1), credential)) : Optional.empty();
    }

    public static boolean looksLikeKey(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** Whether {@code key} hashes to {@code secretSha256}, compared in constant time. */
    public static boolean matches(String key, String secretSha256) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(secretSha256);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(key), expected);
    }

    public static String principalOf(String keyId) {
        return PRINCIPAL_PREFIX + keyId;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
