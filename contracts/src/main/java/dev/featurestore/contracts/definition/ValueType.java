package dev.featurestore.contracts.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The type of a feature, join key or request field ({@code dtype} / {@code value_type}).
 */
public enum ValueType {
    BOOL,
    INT32,
    INT64,
    FLOAT32,
    FLOAT64,
    STRING,
    BYTES,
    UNIX_TIMESTAMP,
    BOOL_LIST,
    INT32_LIST,
    INT64_LIST,
    FLOAT32_LIST,
    FLOAT64_LIST,
    STRING_LIST,
    BYTES_LIST,
    UNIX_TIMESTAMP_LIST;

    private static final String LIST_SUFFIX = "_LIST";

    /**
     * The type named exactly (case-sensitive) by {@code name}.
     *
     * @param name a type name such as {@code FLOAT32_LIST}
     * @return the type, or empty when there is none of that name
     */
    public static Optional<ValueType> parse(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    /**
     * All type names in declaration order, for messages.
     *
     * @return {@code BOOL, INT32, ...}
     */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    public boolean isList() {
        return name().endsWith(LIST_SUFFIX);
    }

    /**
     * The element type of a list type, or this type itself.
     *
     * @return {@code FLOAT32} for {@code FLOAT32_LIST}, {@code INT64} for {@code INT64}
     */
    public ValueType elementType() {
        return isList() ? valueOf(name().substring(0, name().length() - LIST_SUFFIX.length())) : this;
    }
}
