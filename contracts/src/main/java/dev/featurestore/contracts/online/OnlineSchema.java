package dev.featurestore.contracts.online;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.ValueType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fields of a feature view as the online store holds them: names and types in order. Its
 * {@link #fingerprint()} (the first 8 bytes of SHA-256 over {@link #canonicalText()}) is written into every
 * record, so a reader whose view has changed since the write knows which fields the record holds.
 *
 * <p>Immutable; equal when the fields are.
 */
public final class OnlineSchema {
    private final List<OnlineField> fields;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final String canonicalText;
    private final long fingerprint;

    /** @param fields the view's features, in the view's order */
    public OnlineSchema(List<OnlineField> fields) {
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        for (int index = 0; index < this.fields.size(); index++) {
            if (indexes.put(this.fields.get(index).name(), index) != null) {
                throw new IllegalArgumentException("field '%s' appears twice".formatted(this.fields.get(index).name()));
            }
        }
        StringBuilder text = new StringBuilder();
        for (OnlineField field : this.fields) {
            text.append(field.name()).append(':').append(field.type().name()).append('\n');
        }
        this.canonicalText = text.toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalText.getBytes(StandardCharsets.UTF_8));
            this.fingerprint = ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public List<OnlineField> fields() {
        return fields;
    }

    /** The position of the field named {@code name}, or -1. */
    public int indexOf(String name) {
        return indexes.getOrDefault(name, -1);
    }

    /** The schema of a view's {@code schema} fields. */
    public static OnlineSchema of(List<Field> fields) {
        return new OnlineSchema(fields.stream().map(field -> new OnlineField(field.name(), field.dtype())).toList());
    }

    /**
     * Parses {@link #canonicalText()}.
     *
     * @throws IllegalArgumentException naming the line that is not {@code name:TYPE}
     */
    public static OnlineSchema parse(String canonicalText) {
        requireNonNull(canonicalText, "canonicalText is null");
        if (canonicalText.isEmpty()) {
            return new OnlineSchema(List.of());
        }
        String[] lines = canonicalText.split("\n", -1);
        List<OnlineField> fields = new ArrayList<>();
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (index == lines.length - 1 && line.isEmpty()) {
                break;
            }
            int colon = line.lastIndexOf(':');
            ValueType type = colon <= 0 ? null : ValueType.parse(line.substring(colon + 1)).orElse(null);
            if (type == null) {
                throw new IllegalArgumentException("schema line %d is not name:TYPE: '%s'".formatted(index + 1, line));
            }
            fields.add(new OnlineField(line.substring(0, colon), type));
        }
        return new OnlineSchema(fields);
    }

    /** One line {@code name:TYPE} per field, each ended by a newline. */
    public String canonicalText() {
        return canonicalText;
    }

    /** The first 8 bytes of SHA-256 over {@link #canonicalText()}, big-endian. */
    public long fingerprint() {
        return fingerprint;
    }

    /** The fingerprint as 16 lower-case hex digits. */
    public String fingerprintHex() {
        return HexFormat.of().toHexDigits(fingerprint());
    }

    public int size() {
        return fields.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnlineSchema schema && schema.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "OnlineSchema" + fields;
    }

    /** One field: its name and type. */
    public record OnlineField(String name, ValueType type) {
        public OnlineField {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            if (name.isEmpty() || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("field name '%s' is empty or holds a newline".formatted(name));
            }
        }
    }
}
