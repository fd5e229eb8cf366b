package dev.featurestore.monitoring.domain.webhook;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * Why a delivery attempt failed, as the delivery log shows it: {@code HTTP <status>} for an answer that is not 2xx,
 * otherwise one of these fixed reasons. Nothing the target sends besides its status code is ever recorded, so the
 * log cannot be used to read other servers' answers.
 */
public enum DeliveryError {
    CONNECTION_REFUSED("connection refused"),
    TIMEOUT("timeout"),
    UNKNOWN_HOST("unknown host"),
    TLS_ERROR("tls error"),
    INVALID_RESPONSE("invalid response"),
    CONNECTION_FAILED("connection failed"),
    ADDRESS_NOT_ALLOWED("address not allowed"),
    URL_NOT_ALLOWED("url not allowed");

    private static final Pattern STATUS = Pattern.compile("HTTP [0-9]{3}");

    private final String reason;

    DeliveryError(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The reason of an answer that is not 2xx. */
    public static String status(int status) {
        return "HTTP " + status;
    }

    /**
     * A stored reason as the log shows it: one of the fixed reasons as it is, anything else (written by an older
     * version, which kept exception messages) as {@code connection failed}.
     */
    public static @Nullable String shown(@Nullable String stored) {
        if (stored == null || STATUS.matcher(stored).matches()) {
            return stored;
        }
        for (DeliveryError error : values()) {
            if (error.reason.equals(stored)) {
                return stored;
            }
        }
        return CONNECTION_FAILED.reason;
    }
}
