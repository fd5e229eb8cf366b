package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

/** A webhook URL or address that is refused; the message says why in a few words, without echoing the URL whole. */
public class WebhookTargetException extends Exception {
    private final DeliveryError error;

    public WebhookTargetException(DeliveryError error, String message) {
        super(message);
        this.error = requireNonNull(error, "error is null");
    }

    /** {@code url not allowed} for a URL that breaks a rule, {@code address not allowed} for a refused address. */
    public DeliveryError error() {
        return error;
    }
}
