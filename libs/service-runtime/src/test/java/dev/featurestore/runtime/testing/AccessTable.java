package dev.featurestore.runtime.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of requests and the status each caller gets (anonymous, each role of {@link TestingAccessDirectory}, and a
 * viewer of another project), checked against a running service; {@link #mismatches} lists every cell that differs.
 */
public final class AccessTable {
    public static final List<String> CALLERS = List.of("anonymous", "viewer", "ingester", "editor", "admin", "pii_reader", "viewer_elsewhere");

    private final List<Row> rows = new ArrayList<>();

    /** One request and the expected status per caller, in the order of {@link #CALLERS}. */
    public record Row(String method, String path, String body, Map<String, Integer> expected) {
    }

    public AccessTable row(String method, String path, String body, int... statuses) {
        if (statuses.length != CALLERS.size()) {
            throw new IllegalArgumentException("one status per caller of " + CALLERS);
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < statuses.length; i++) {
            expected.put(CALLERS.get(i), statuses[i]);
        }
        rows.add(new Row(method, path, body, expected));
        return this;
    }

    /** Every cell whose status differs, with the answer's start; empty when the table holds. */
    public List<String> mismatches(RawHttp http) {
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            row.expected().forEach((caller, expected) -> {
                RawHttp client = http.as(caller.equals("anonymous") ? null : TestingAccessDirectory.KEYS.get(caller));
                RawHttp.Answer answer = client.send(row.method(), row.path(), row.body() == null ? null : "application/json", row.body());
                boolean problemWhenRefused = answer.status() < 400 || answer.contentType().orElse("").contains("application/problem+json");
                if (answer.status() != expected || !problemWhenRefused) {
                    String body = answer.body().length() > 160 ? answer.body().substring(0, 160) + "..." : answer.body();
                    mismatches.add("%s %s as %s: %d, expected %d (%s)".formatted(row.method(), row.path(), caller, answer.status(), expected, body));
                }
            });
        }
        return mismatches;
    }
}
