package dev.featurestore.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Runs and jobs in words: their progress while they go, their outcome once they ended. */
public final class Describe {
    private Describe() {
    }

    /** A materialization run ({@code GET /v1/runs/{id}}). */
    public static ProgressLine run(JsonNode run) {
        String state = run.path("state").asText();
        String label = run.path("feature_view").asText();
        double percent = run.path("progress").path("percent").asDouble();
        return new ProgressLine(label, state, percent, switch (state) {
            case "succeeded" -> "succeeded: " + runResult(run.path("result"));
            case "failed", "cancelled" -> "%s: %s".formatted(state.toUpperCase(Locale.ROOT), error(run.path("error")));
            default -> working(run);
        });
    }

    /** A historical job ({@code GET /v1/jobs/{id}}). */
    public static ProgressLine job(JsonNode job) {
        String state = job.path("state").asText();
        String label = "job " + job.path("job_id").asText();
        double percent = job.path("progress").path("percent").asDouble();
        return new ProgressLine(label, state, percent, switch (state) {
            case "succeeded" -> "succeeded: %s rows in %d file%s".formatted(count(job.path("row_count").asLong()), job.path("output_files").size(),
                    job.path("output_files").size() == 1 ? "" : "s");
            case "failed", "cancelled" -> "%s: %s".formatted(state.toUpperCase(Locale.ROOT), error(job.path("error")));
            default -> working(job);
        });
    }

    static String runResult(JsonNode result) {
        StringBuilder text = new StringBuilder("%s rows read, %s entities written".formatted(count(result.path("rows_read").asLong()),
                count(result.path("entities_written").asLong())));
        if (result.path("entities_unchanged").asLong() > 0) {
            text.append(", %s unchanged".formatted(count(result.path("entities_unchanged").asLong())));
        }
        if (result.path("entities_expired").asLong() > 0) {
            text.append(", %s expired".formatted(count(result.path("entities_expired").asLong())));
        }
        JsonNode skew = result.path("skew_check");
        if (skew.isObject()) {
            text.append(", skew check %s (%d entities, %d mismatches)".formatted(skew.path("state").asText(), skew.path("sampled").asInt(),
                    skew.path("mismatches").asInt()));
            if (skew.hasNonNull("reason")) {
                text.append(": ").append(skew.path("reason").asText());
            }
        }
        return text.toString();
    }

    private static String working(JsonNode node) {
        StringBuilder text = new StringBuilder();
        if (node.hasNonNull("phase")) {
            text.append(node.path("phase").asText());
        }
        long total = node.path("progress").path("rows_total").asLong();
        if (total > 0) {
            text.append(text.isEmpty() ? "" : " ").append("(%s of %s rows)".formatted(count(node.path("progress").path("rows_done").asLong()), count(total)));
        }
        return text.toString();
    }

    private static String error(JsonNode error) {
        if (error.isMissingNode() || error.isNull()) {
            return "no reason given";
        }
        return "%s: %s".formatted(error.path("code").asText(), error.path("message").asText());
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
