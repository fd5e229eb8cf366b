package dev.featurestore.cli.follow;

import static java.util.Objects.requireNonNull;

/**
 * The state of one followed run or job.
 *
 * @param label what it is ({@code driver_hourly}, {@code job 4f0c...})
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed}, {@code cancelled}
 * @param percent 0..100
 * @param detail the phase and row counts while it runs, the outcome once it ended
 */
public record ProgressLine(String label, String state, double percent, String detail) {
    public ProgressLine {
        requireNonNull(label, "label is null");
        requireNonNull(state, "state is null");
        requireNonNull(detail, "detail is null");
    }

    public boolean ended() {
        return isEnded(state);
    }

    public static boolean isEnded(String state) {
        return state.equals("succeeded") || state.equals("failed") || state.equals("cancelled");
    }
}
