package dev.featurestore.historical.domain.join;

/** The join stopped because its listener asked it to. */
public class JoinCancelledException extends RuntimeException {
    public JoinCancelledException() {
        super("the join was cancelled");
    }
}
