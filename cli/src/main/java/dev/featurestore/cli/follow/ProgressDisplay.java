package dev.featurestore.cli.follow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows followed runs or jobs: on a terminal, one progress bar per item redrawn in place; otherwise (a pipe, a log
 * file, CI) a plain line whenever an item's state or phase changes or it passes another tenth of its work.
 */
public abstract class ProgressDisplay {
    static final int BAR_WIDTH = 24;

    public abstract void update(List<ProgressLine> lines);

    public static ProgressDisplay of(PrintStream out, boolean terminal) {
        return terminal ? new Bars(out) : new Lines(out);
    }

    /** {@code [##########..............]  42.0%} */
    public static String bar(double percent) {
        double bounded = Math.max(0, Math.min(100, percent));
        int filled = (int) Math.round(bounded / 100.0 * BAR_WIDTH);
        return "[%s%s] %5.1f%%".formatted("#".repeat(filled), ".".repeat(BAR_WIDTH - filled), bounded);
    }

    /** Bars redrawn in place (ANSI: cursor up, clear line). */
    static final class Bars extends ProgressDisplay {
        private final PrintStream out;
        private int drawn;

        Bars(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(List<ProgressLine> lines) {
            StringBuilder text = new StringBuilder();
            if (drawn > 0) {
                text.append("\033[").append(drawn).append('A');
            }
            int width = lines.stream().mapToInt(line -> line.label().length()).max().orElse(0);
            for (ProgressLine line : lines) {
                text.append("\r\033[2K").append(render(line, width)).append('\n');
            }
            drawn = lines.size();
            out.print(text);
            out.flush();
        }

        static String render(ProgressLine line, int width) {
            String label = "%-" + Math.max(1, width) + "s";
            if (line.ended()) {
                return (label + "  %s").formatted(line.label(), line.detail());
            }
            return (label + "  %s  %s%s").formatted(line.label(), bar(line.percent()), line.state(), line.detail().isEmpty() ? "" : ", " + line.detail());
        }
    }

    /** Plain lines, each printed once. */
    static final class Lines extends ProgressDisplay {
        private final PrintStream out;
        private final Map<String, String> last = new HashMap<>();

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(List<ProgressLine> lines) {
            List<String> printed = new ArrayList<>();
            for (ProgressLine line : lines) {
                String key = line.ended() ? "end " + line.detail() : "%s %s %d".formatted(line.state(), phase(line.detail()), (int) (line.percent() / 10));
                if (!key.equals(last.put(line.label(), key))) {
                    printed.add(line.ended()
                            ? "%s: %s".formatted(line.label(), line.detail())
                            : String.format(Locale.ROOT, "%s: %s %.0f%%%s", line.label(), line.state(), line.percent(), line.detail().isEmpty() ? "" : ", " + line.detail()));
                }
            }
            printed.forEach(out::println);
            out.flush();
        }

        /** The detail up to its counts, so a line is not printed again for every row read. */
        private static String phase(String detail) {
            int counts = detail.indexOf(" (");
            return counts < 0 ? detail : detail.substring(0, counts);
        }
    }
}
