package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.runtime.testing.RawHttp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /get-online-features} on the test stack's Redis: Feast's request and response shapes, every status
 * (TTL enforced at read time), composite keys, on-demand features from request data, feature services, the
 * project from the query or the header, and bad input answered 4xx naming the problem.
 */
class OnlineFeaturesIT extends ServingApiTest {
    private static final JoinKey DRIVER = new JoinKey("driver_id", ValueType.INT64);
    private static final JoinKey CITY = new JoinKey("city", ValueType.STRING);
    private static final OnlineSchema DRIVER_HOURLY = new OnlineSchema(List.of(new OnlineField("conv_rate", ValueType.FLOAT64),
            new OnlineField("acc_rate", ValueType.FLOAT32), new OnlineField("trips", ValueType.INT64)));
    private static final OnlineSchema DRIVER_CITY = new OnlineSchema(List.of(new OnlineField("rides_in_city", ValueType.INT64),
            new OnlineField("tags", ValueType.STRING_LIST)));

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    void writeRecords() {
        registry.put(project, """
                {"entities": [
                   {"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]},
                   {"name": "city", "join_keys": [{"name": "city", "value_type": "STRING"}]}],
                 "data_sources": [
                   {"name": "driver_src", "type": "parquet", "path": "s3://bucket/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "driver_push", "type": "push", "batch_source": "driver_src"},
                   {"name": "ride_request", "type": "request", "schema": [{"name": "distance_km", "dtype": "FLOAT64"}]}],
                 "feature_views": [
                   {"name": "driver_hourly", "entities": ["driver"], "source": "driver_push", "ttl": "2h",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "acc_rate", "dtype": "FLOAT32"}, {"name": "trips", "dtype": "INT64"}]},
                   {"name": "driver_city", "entities": ["driver", "city"], "source": "driver_src", "ttl": "0",
                    "schema": [{"name": "rides_in_city", "dtype": "INT64"}, {"name": "tags", "dtype": "STRING_LIST"}]},
                   {"name": "offline_only", "entities": ["driver"], "source": "driver_src", "online": false,
                    "schema": [{"name": "trips", "dtype": "INT64"}]}],
                 "on_demand_feature_views": [
                   {"name": "ride_quote", "sources": ["driver_hourly", "ride_request"], "schema": [{"name": "quote", "dtype": "FLOAT64"}],
                    "expressions": {"quote": "ride_request.distance_km * 1.5 + driver_hourly.conv_rate"}}],
                 "feature_services": [
                   {"name": "dispatch_v1", "features": [{"feature_view": "driver_hourly", "features": ["trips", "conv_rate"]}, {"feature_view": "ride_quote"}]}]}
                """);
        List<RecordWrite> writes = new ArrayList<>();
        // 1001: fresh; 1002: 3 hours old (ttl 2h); 1003: fresh with a null trips; 1004: nothing
        writes.add(driverHourly(1001, now.minusSeconds(60), 0.5, 0.75f, 12L));
        writes.add(driverHourly(1002, now.minus(Duration.ofHours(3)), 0.9, 0.25f, 3L));
        writes.add(driverHourly(1003, now.minusSeconds(5), 0.1, 0.5f, null));
        writes.add(new RecordWrite(OnlineKeys.recordKey(project, "driver_city", List.of(DRIVER, CITY), List.of(1001L, "Oslo")), DRIVER_CITY,
                new OnlineRecord(now.minusSeconds(30), null, List.of(7L, List.of("airport", "night"))), null));
        assertThat(store.write(writes).join().written()).isEqualTo(4);
    }

    @Test
    void answersFeastsShapeWithEveryStatusAndTtlEnforcedAtReadTime() {
        RawHttp.Answer answer = get("""
                {"features": ["driver_hourly:conv_rate", "driver_hourly:trips", "driver_hourly:acc_rate"],
                 "entities": {"driver_id": [1001, 1002, 1003, 1004]}}""");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.at("metadata.feature_names")).isEqualTo(List.of("driver_id", "conv_rate", "trips", "acc_rate"));
        List<Map<String, Object>> results = results(answer);
        assertThat(results.get(0).get("values")).isEqualTo(List.of(1001, 1002, 1003, 1004));
        assertThat(results.get(0).get("statuses")).isEqualTo(List.of("PRESENT", "PRESENT", "PRESENT", "PRESENT"));
        assertThat(results.get(1).get("values")).isEqualTo(Arrays.asList(0.5, null, 0.1, null));
        assertThat(results.get(1).get("statuses")).isEqualTo(List.of("PRESENT", "OUTSIDE_MAX_AGE", "PRESENT", "NOT_FOUND"));
        assertThat(results.get(1).get("event_timestamps")).isEqualTo(List.of(now.minusSeconds(60).toString(), now.minus(Duration.ofHours(3)).toString(),
                now.minusSeconds(5).toString(), "1970-01-01T00:00:00Z"));
        assertThat(results.get(2).get("values")).isEqualTo(Arrays.asList(12, null, null, null));
        assertThat(results.get(2).get("statuses")).isEqualTo(List.of("PRESENT", "OUTSIDE_MAX_AGE", "NULL_VALUE", "NOT_FOUND"));
        assertThat(results.get(3).get("values")).isEqualTo(Arrays.asList(0.75, null, 0.5, null));
    }

    @Test
    void compositeKeysListsFullFeatureNamesAndTheProjectHeader() {
        RawHttp.Answer answer = http.send(HttpRequest.newBuilder(server.getURI().resolve("/get-online-features"))
                .header("Content-Type", "application/json").header("X-Feature-Project", project)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"features": ["driver_city:rides_in_city", "driver_city:tags", "driver_hourly:trips"], "full_feature_names": true,
                         "entities": {"city": ["Oslo", "Lima"], "driver_id": [1001, 1001]}}""")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.at("metadata.feature_names")).isEqualTo(List.of("city", "driver_id", "driver_city__rides_in_city", "driver_city__tags",
                "driver_hourly__trips"));
        List<Map<String, Object>> results = results(answer);
        assertThat(results.get(2).get("values")).isEqualTo(Arrays.asList(7, null));
        assertThat(results.get(2).get("statuses")).isEqualTo(List.of("PRESENT", "NOT_FOUND"));
        assertThat(results.get(3).get("values")).isEqualTo(Arrays.asList(List.of("airport", "night"), null));
        assertThat(results.get(4).get("values")).isEqualTo(List.of(12, 12));
    }

    @Test
    void onDemandFeaturesFromRequestDataInEitherPlaceAndAFeatureService() {
        RawHttp.Answer fromContext = get("""
                {"features": ["ride_quote:quote"], "entities": {"driver_id": [1001, 1004]}, "request_context": {"distance_km": [10.0, 2.0]}}""");
        RawHttp.Answer fromEntities = get("""
                {"feature_service": "dispatch_v1", "entities": {"driver_id": [1001, 1004], "distance_km": [10.0, 2.0]}}""");

        assertThat(fromContext.status()).as(fromContext.body()).isEqualTo(200);
        assertThat(results(fromContext).get(1).get("values")).isEqualTo(Arrays.asList(15.5, null));
        assertThat(results(fromContext).get(1).get("statuses")).isEqualTo(List.of("PRESENT", "NULL_VALUE"));
        assertThat(fromEntities.status()).as(fromEntities.body()).isEqualTo(200);
        // join keys given, then the service's features in its order; request data is not an output column
        assertThat(fromEntities.at("metadata.feature_names")).isEqualTo(List.of("driver_id", "trips", "conv_rate", "quote"));
        assertThat(results(fromEntities).get(3).get("values")).isEqualTo(Arrays.asList(15.5, null));
    }

    @Test
    void unknownNamesAre404NamingEachOne() {
        RawHttp.Answer features = get("""
                {"features": ["driver_hourly:conv_rate", "driver_hourly:nope", "no_view:x"], "entities": {"driver_id": [1]}}""");
        RawHttp.Answer service = get("""
                {"feature_service": "no_service", "entities": {"driver_id": [1]}}""");
        RawHttp.Answer unknownProject = http.send("POST", "/get-online-features?project=no_such_project", "application/json", """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [1]}}""");

        assertThat(features.status()).isEqualTo(404);
        assertThat(features.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(features.body()).contains("features[1]", "'driver_hourly:nope'", "features[2]", "'no_view'").doesNotContain("features[0]");
        assertThat(service.status()).isEqualTo(404);
        assertThat(service.body()).contains("feature_service", "no_service");
        assertThat(unknownProject.status()).isEqualTo(404);
        assertThat(unknownProject.body()).contains("no_such_project");
    }

    @Test
    void badInputIs4xxNamingTheProblemNever500() {
        assertBad(400, "{not json", "");
        assertBad(400, """
                {"features": ["driver_hourly:conv_rate"], "entities": {}}""", "entities");
        assertBad(400, """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [1, 2], "other": [1]}}""", "entities.other");
        assertBad(400, """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": ["1001", 2]}}""", "entities.driver_id[0]");
        assertBad(400, """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [1, null]}}""", "entities.driver_id[1]");
        assertBad(400, """
                {"features": ["driver_city:rides_in_city"], "entities": {"driver_id": [1]}}""", "entities.city");
        assertBad(400, """
                {"features": ["ride_quote:quote"], "entities": {"driver_id": [1]}}""", "request_context.distance_km");
        assertBad(400, """
                {"features": ["offline_only:trips"], "entities": {"driver_id": [1]}}""", "not served online");
        assertBad(400, """
                {"features": ["driver_hourly:trips", "offline_only:trips"], "entities": {"driver_id": [1]}}""", "full_feature_names");
        assertBad(400, """
                {"features": ["conv_rate"], "entities": {"driver_id": [1]}}""", "features[0]");
        assertBad(400, """
                {"entities": {"driver_id": [1]}}""", "features");
        StringBuilder many = new StringBuilder();
        for (int index = 0; index <= MAX_ENTITY_ROWS; index++) {
            many.append(index == 0 ? "" : ",").append(index);
        }
        assertBad(413, """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [%s]}}""".formatted(many), "at most " + MAX_ENTITY_ROWS);
    }

    private void assertBad(int status, String body, String named) {
        RawHttp.Answer answer = get(body);
        assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).as(body).contains(named);
    }

    private RecordWrite driverHourly(long driver, Instant event, double conv, float acc, Long trips) {
        return new RecordWrite(OnlineKeys.recordKey(project, "driver_hourly", List.of(DRIVER), List.of(driver)), DRIVER_HOURLY,
                new OnlineRecord(event, null, Arrays.asList(conv, acc, trips)), null);
    }

    private RawHttp.Answer get(String body) {
        return post("/get-online-features", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(RawHttp.Answer answer) {
        return (List<Map<String, Object>>) answer.json().get("results");
    }
}
