package dev.featurestore.cli;

/** The process's exit codes (cli/README.md, "Exit codes"). */
public final class ExitCodes {
    /** Done; for {@code plan}: nothing would change. */
    public static final int OK = 0;
    /** Any error: bad input, a service's refusal, a service out of reach, a failed run or job. */
    public static final int ERROR = 1;
    /** {@code plan} only: the repository differs from the registry (apply would change something). */
    public static final int CHANGES = 2;
    /** Stopped by Ctrl-C (SIGINT) while following a run or job, which keeps running. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
