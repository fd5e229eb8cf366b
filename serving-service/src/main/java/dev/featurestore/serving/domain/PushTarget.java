package dev.featurestore.serving.domain;

import java.util.Arrays;
import java.util.Optional;

/** Where a push writes: Feast's {@code to}. */
public enum PushTarget {
    ONLINE("online"),
    OFFLINE("offline"),
    ONLINE_AND_OFFLINE("online_and_offline");

    private final String json;

    PushTarget(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public boolean online() {
        return this != OFFLINE;
    }

    public boolean offline() {
        return this != ONLINE;
    }

    /** The target Feast's JSON names ({@code online}, {@code offline}, {@code online_and_offline}). */
    public static Optional<PushTarget> parse(String text) {
        return Arrays.stream(values()).filter(target -> target.json.equals(text)).findFirst();
    }
}
