package dev.featurestore.historical.domain.join;

/** The join cannot complete for a reason in the data (the message names the file and column). */
public class JoinFailedException extends RuntimeException {
    public JoinFailedException(String message) {
        super(message);
    }

    public JoinFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
