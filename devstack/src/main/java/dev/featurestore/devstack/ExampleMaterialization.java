package dev.featurestore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows the materialization of the example repository after its first apply: the apply's
 * {@code registry.object.changed} events make materialization-service backfill each online view's last ttl from
 * the demo data. Prints each run's progress as it changes and its outcome (rows read, entities written, skew
 * check), until every run of the project has ended or the timeout passes (the runs then go on in the background).
 */
final class ExampleMaterialization {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ExampleMaterialization() {
    }

    /**
     * @param expectedViews how many runs to wait for (one per online view of the example)
     * @return whether every run ended in time and succeeded
     */
    static boolean follow(String materializationUrl, String authorization, String project, int expectedViews, Duration timeout, PrintStream out) {
        out.printf("Materializing the example's %d online feature views into the online store (runs of project '%s')...%n", expectedViews, project);
        Map<String, String> lastSeen = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode runs = runs(materializationUrl, authorization, project);
            int ended = 0;
            int succeeded = 0;
            for (JsonNode run : runs) {
                String view = run.path("feature_view").asText();
                String state = run.path("state").asText();
                String line = describe(run);
                if (!line.equals(lastSeen.get(view))) {
                    out.println("  " + line);
                    lastSeen.put(view, line);
                }
                if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                    ended++;
                }
                if (state.equals("succeeded")) {
                    succeeded++;
                }
            }
            if (ended >= expectedViews && ended == runs.size()) {
                return succeeded == ended;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        out.printf("  still running after %d s; follow them with: curl '%s/v1/runs?project=%s'%n", timeout.toSeconds(), materializationUrl, project);
        return false;
    }

    private static String describe(JsonNode run) {
        String view = run.path("feature_view").asText();
        String state = run.path("state").asText();
        JsonNode result = run.path("result");
        return switch (state) {
            case "succeeded" -> {
                JsonNode skew = result.path("skew_check");
                String check = skew.isMissingNode() || skew.isNull() ? "no skew check"
                        : "skew check %s (%d entities, %d mismatches)".formatted(skew.path("state").asText(), skew.path("sampled").asInt(),
                                skew.path("mismatches").asInt()) + (skew.hasNonNull("reason") ? ": " + skew.path("reason").asText() : "");
                yield "%-18s succeeded: %,d rows read, %,d entities written, %s".formatted(view, result.path("rows_read").asLong(),
                        result.path("entities_written").asLong(), check);
            }
            case "failed" -> "%-18s FAILED: %s".formatted(view, run.path("error").path("message").asText());
            default -> "%-18s %s%s (%.0f %%)".formatted(view, state, run.hasNonNull("phase") ? ", " + run.path("phase").asText() : "",
                    run.path("progress").path("percent").asDouble());
        };
    }

    private static JsonNode runs(String materializationUrl, String authorization, String project) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("%s/v1/runs?project=%s".formatted(materializationUrl, project)))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", authorization).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return JSON.createArrayNode();
            }
            return JSON.readTree(response.body()).path("runs");
        } catch (IOException e) {
            return JSON.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createArrayNode();
        }
    }
}
