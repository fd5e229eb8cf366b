package dev.featurestore.registryclient;

/**
 * The registry could not be asked (connection refused, timeout, an unexpected answer) and the
 * client had nothing cached that could answer instead.
 */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
