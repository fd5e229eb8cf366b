package dev.featurestore.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.http.ServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Polls runs (materialization-service, {@code GET /v1/runs/{id}}) or jobs (historical-service, {@code GET /v1/jobs/{id}})
 * until each has ended, showing their progress.
 */
public final class Follower {
    private final ServiceClient service;
    private final String pathFormat;
    private final Function<JsonNode, ProgressLine> describe;
    private final ProgressDisplay display;
    private final Duration pollInterval;

    private Follower(ServiceClient service, String pathFormat, Function<JsonNode, ProgressLine> describe, ProgressDisplay display, Duration pollInterval) {
        this.service = service;
        this.pathFormat = pathFormat;
        this.describe = describe;
        this.display = display;
        this.pollInterval = pollInterval;
    }

    public static Follower runs(ServiceClient materialization, ProgressDisplay display, Duration pollInterval) {
        return new Follower(materialization, "/v1/runs/%s", Describe::run, display, pollInterval);
    }

    public static Follower jobs(ServiceClient historical, ProgressDisplay display, Duration pollInterval) {
        return new Follower(historical, "/v1/jobs/%s", Describe::job, display, pollInterval);
    }

    /** Follows until every one has ended; answers their last state, in the given order. */
    public List<JsonNode> follow(List<String> ids) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        while (true) {
            boolean allEnded = true;
            for (String id : ids) {
                JsonNode known = latest.get(id);
                if (known == null || !ProgressLine.isEnded(known.path("state").asText())) {
                    known = service.getJson(pathFormat.formatted(ServiceClient.encode(id)));
                    latest.put(id, known);
                }
                allEnded &= ProgressLine.isEnded(known.path("state").asText());
            }
            List<ProgressLine> lines = new ArrayList<>();
            latest.values().forEach(node -> lines.add(describe.apply(node)));
            display.update(lines);
            if (allEnded) {
                return List.copyOf(latest.values());
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while following " + String.join(", ", ids), e);
            }
        }
    }
}
