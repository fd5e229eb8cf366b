package dev.featurestore.testkit;

/** Starts stacks; filled in by the testkit implementation. */
final class Stacks {
    private Stacks() {
    }

    static TestStack shared() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static TestStack start(StackOptions options) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
