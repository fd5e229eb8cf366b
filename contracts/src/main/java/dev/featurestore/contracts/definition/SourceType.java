package dev.featurestore.contracts.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code type} of a data source.
 */
public enum SourceType {
    PARQUET("parquet"),
    PUSH("push"),
    KAFKA("kafka"),
    REQUEST("request");

    private final String wireName;

    SourceType(String wireName) {
        this.wireName = wireName;
    }

    public static Optional<SourceType> parse(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(SourceType::wireName).toList();
    }

    /**
     * The name in JSON.
     *
     * @return {@code parquet}, {@code push}, {@code kafka} or {@code request}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether a feature view may read from a source of this type.
     *
     * @return true for parquet, push and kafka
     */
    public boolean canFeedFeatureView() {
        return switch (this) {
            case PARQUET, PUSH, KAFKA -> true;
            case REQUEST -> false;
        };
    }
}
