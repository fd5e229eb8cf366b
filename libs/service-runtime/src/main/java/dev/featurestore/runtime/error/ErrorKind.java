package dev.featurestore.runtime.error;

/** Whose fault an error is: decides whether it is logged at ERROR and whether its detail is shown. */
public enum ErrorKind {
    /** The caller sent something wrong; the problem detail explains what. */
    USER,
    /** Something on our side failed; logged at ERROR with its cause, the caller gets no internals. */
    INTERNAL
}
