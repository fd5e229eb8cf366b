package dev.featurestore.materialization.store.http;

import static java.util.Objects.requireNonNull;

import dev.featurestore.materialization.domain.skew.PointInTimeSource;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Point-in-time values from historical-service: one {@code POST /v1/historical-features?wait=true} with the entities
 * as inline rows, all at the same instant, answered with the rows as columns.
 */
public final class HistoricalPointInTimeSource implements PointInTimeSource {
    private static final String TIMESTAMP_COLUMN = "__skew_check_at";

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final JsonMapper json;
    private final Optional<String> credential;

    /**
     * @param credential the service's API key, sent as a bearer token
     */
    public HistoricalPointInTimeSource(URI historical, Duration timeout, JsonMapper json, Optional<String> credential) {
        this.credential = requireNonNull(credential, "credential is null");
        this.endpoint = requireNonNull(historical, "historical is null").resolve("/v1/historical-features?wait=true");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.json = requireNonNull(json, "json is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<List<Object>> values(String project, String featureView, List<String> features, List<String> keyNames, List<Object[]> entities,
            Instant at) {
        Map<String, List<Object>> rows = new LinkedHashMap<>();
        for (int key = 0; key < keyNames.size(); key++) {
            List<Object> column = new ArrayList<>(entities.size());
            for (Object[] entity : entities) {
                column.add(entity[key] instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : entity[key]);
            }
            rows.put(keyNames.get(key), column);
        }
        rows.put(TIMESTAMP_COLUMN, Collections.nCopies(entities.size(), at.toString()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project);
        body.put("features", features.stream().map(feature -> featureView + ":" + feature).toList());
        body.put("entity_source", Map.of("rows", rows));
        body.put("event_timestamp_column", TIMESTAMP_COLUMN);
        body.put("full_feature_names", true);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            credential.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
            HttpRequest request = builder.build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PointInTimeUnavailableException("interrupted while asking historical-service", e);
        } catch (IOException e) {
            throw new PointInTimeUnavailableException("historical-service at %s cannot be reached: %s".formatted(endpoint, e), e);
        }
        if (response.statusCode() != 200) {
            throw new PointInTimeUnavailableException("historical-service answered %d: %s".formatted(response.statusCode(), abbreviate(response.body())), null);
        }
        Map<String, List<Object>> columns;
        try {
            Map<String, Object> answer = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
            columns = json.readValue(json.writeValueAsString(answer.get("rows")), Argument.mapOf(Argument.STRING, Argument.listOf(Object.class)));
        } catch (IOException | RuntimeException e) {
            throw new PointInTimeUnavailableException("historical-service's answer cannot be read: %s".formatted(e.getMessage()), e);
        }
        List<List<Object>> values = new ArrayList<>(entities.size());
        for (int entity = 0; entity < entities.size(); entity++) {
            List<Object> row = new ArrayList<>(features.size());
            for (String feature : features) {
                List<Object> column = columns.get(featureView + "__" + feature);
                if (column == null || column.size() != entities.size()) {
                    throw new PointInTimeUnavailableException("historical-service's answer has no column %s__%s of %d rows"
                            .formatted(featureView, feature, entities.size()), null);
                }
                row.add(column.get(entity));
            }
            values.add(row);
        }
        return values;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
