package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TestCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service as a drop-in for Feast 0.66's HTTP clients, on the test stack's Redis, S3 and Kafka: each request is
 * sent as Feast builds it (method, path, headers, body byte for byte), and each answer is read as that client reads it.
 * The requests are taken from Feast's source at v0.66.0:
 * <ul>
 *   <li>{@code sdk/python/feast/infra/online_stores/remote.py}, the remote online store ({@code online_store: {type:
 *       remote, path: http://host:8082/projects/<project>}}): {@code get_online_features} and {@code online_read} POST
 *       {@code <path>/get-online-features}, {@code online_write_batch} POSTs {@code <path>/write-to-online-store}, all
 *       with {@code requests}' {@code json=} (so {@code json.dumps} with its {@code ", "} and {@code ": "} separators,
 *       {@code Content-Type: application/json}) and {@code Authorization: Bearer <token>} from
 *       {@code permissions/client/http_auth_requests_wrapper.py}; timestamps written are
 *       {@code _to_naive_utc(ts).isoformat()}, naive UTC text;</li>
 *   <li>{@code docs/reference/feature-servers/python-feature-server.md}, the {@code feast serve} examples:
 *       {@code curl -X POST ... -d '{...}'} (so {@code Content-Type: application/x-www-form-urlencoded}) and
 *       {@code requests.post(url, data=json.dumps(...))} (no content type), pushing timestamps such as
 *       {@code "2022-05-13 10:59:42+00:00"} and {@code str(datetime(...))}.</li>
 * </ul>
 * The answers are checked the way {@code remote.py} parses them: {@code metadata.feature_names}, and per feature
 * {@code results[i].values} and {@code statuses} (one per entity row; {@code PRESENT} for a value it keeps),
 * {@code results[1].event_timestamps[0]} read by Python's {@code datetime.fromisoformat} after replacing {@code Z};
 * a write succeeds on status 200 (its body is not read). The only header Feast's documented curl lines lack is the
 * credential every call here needs.
 */
class FeastClientCompatIT extends ServingApiTest {
    /** What Python 3.10's {@code datetime.fromisoformat} reads once {@code Z} is replaced by {@code +00:00}: 0, 3 or 6 digits of fraction. */
    private static final Pattern PYTHON_ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6})?Z");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> REQUESTS_HEADERS = Map.of("User-Agent", "python-requests/2.32.3", "Accept-Encoding", "gzip, deflate",
            "Accept", "*/*");
    private static final Map<String, String> CURL_HEADERS = Map.of("User-Agent", "curl/8.5.0", "Accept", "*/*",
            "Content-Type", "application/x-www-form-urlencoded");

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private String sourcePath;

    @Override
    Map<String, String> moreProperties() {
        // feast serve's documented calls name no project: they go to the default one
        return Map.of("featurestore.serving.default-project", project);
    }

    @BeforeAll
    void define() {
        sourcePath = sourcePath("driver_hourly_stats");
        // Feast's example repository (feast init), in this suite's definition document
        registry.put(project, """
                {"entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
                 "data_sources": [
                   {"name": "driver_hourly_stats_source", "type": "parquet", "path": "%s", "timestamp_field": "event_timestamp",
                    "created_timestamp_column": "created"},
                   {"name": "driver_stats_push_source", "type": "push", "batch_source": "driver_hourly_stats_source"},
                   {"name": "vals_to_add", "type": "request", "schema": [{"name": "val_to_add", "dtype": "INT64"}]}],
                 "feature_views": [
                   {"name": "driver_hourly_stats", "entities": ["driver"], "source": "driver_hourly_stats_source", "ttl": "1d",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT32"}, {"name": "acc_rate", "dtype": "FLOAT32"},
                               {"name": "avg_daily_trips", "dtype": "INT64"}]},
                   {"name": "driver_hourly_stats_fresh", "entities": ["driver"], "source": "driver_stats_push_source", "ttl": "1d",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT32"}, {"name": "acc_rate", "dtype": "FLOAT32"},
                               {"name": "avg_daily_trips", "dtype": "INT64"}]},
                   {"name": "driver_offline_only", "entities": ["driver"], "source": "driver_hourly_stats_source", "online": false,
                    "schema": [{"name": "avg_daily_trips", "dtype": "INT64"}]},
                   {"name": "driver_created_field", "entities": ["driver"], "source": "driver_hourly_stats_source", "ttl": "1d",
                    "schema": [{"name": "created", "dtype": "INT64"}]}],
                 "on_demand_feature_views": [
                   {"name": "transformed_conv_rate", "sources": ["driver_hourly_stats", "vals_to_add"],
                    "schema": [{"name": "conv_rate_plus_val1", "dtype": "FLOAT64"}],
                    "expressions": {"conv_rate_plus_val1": "driver_hourly_stats.conv_rate + double(vals_to_add.val_to_add)"}}],
                 "feature_services": [
                   {"name": "driver_activity_v1", "features": [{"feature_view": "driver_hourly_stats", "features": ["conv_rate"]},
                                                               {"feature_view": "transformed_conv_rate"}]}]}
                """.formatted(sourcePath));
    }

    @Test
    void remoteOnlineStoreWritesThenReadsBackAsFeastParsesIt() {
        Instant first = now.minusSeconds(60).plusNanos(123_456_000);
        Instant second = now.minusSeconds(120);
        // online_write_batch: per row, join keys, features, event_timestamp, created (None when absent)
        RawHttp.Answer written = remote("/write-to-online-store", """
                {"feature_view_name": "driver_hourly_stats", "df": {"driver_id": [1001, 1002], "conv_rate": [0.5, 0.25], \
                "acc_rate": [0.75, 0.5], "avg_daily_trips": [12, 30], "event_timestamp": ["%s", "%s"], "created": [null, "%s"]}, \
                "allow_registry_cache": false}""".formatted(isoformat(first), isoformat(second), isoformat(second.plusSeconds(1))));

        assertThat(written.status()).as(written.body()).isEqualTo(200);
        assertThat(written.json()).containsEntry("online_written", 2).containsEntry("feature_view", "driver_hourly_stats");

        // get_online_features with a list of features, full_feature_names False
        RawHttp.Answer read = remote("/get-online-features", """
                {"entities": {"driver_id": [1001, 1002, 1003]}, "full_feature_names": false, "include_feature_view_version_metadata": false, \
                "features": ["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate", "driver_hourly_stats:avg_daily_trips"]}""");

        assertThat(featureNames(read)).containsExactly("driver_id", "conv_rate", "acc_rate", "avg_daily_trips");
        assertThat(column(read, 0, "values")).isEqualTo(List.of(1001, 1002, 1003));
        assertThat(column(read, 1, "values")).isEqualTo(Arrays.asList(0.5, 0.25, null));
        assertThat(column(read, 2, "values")).isEqualTo(Arrays.asList(0.75, 0.5, null));
        assertThat(column(read, 3, "values")).isEqualTo(Arrays.asList(12, 30, null));
        assertThat(column(read, 3, "statuses")).isEqualTo(List.of("PRESENT", "PRESENT", "NOT_FOUND"));
        assertThat(column(read, 1, "event_timestamps")).isEqualTo(List.of(first.toString(), second.toString(), Instant.EPOCH.toString()));
        assertThat(firstEventTimestamp(read)).isEqualTo(first);

        // the same with full_feature_names True
        RawHttp.Answer full = remote("/get-online-features", """
                {"entities": {"driver_id": [1001]}, "full_feature_names": true, "include_feature_view_version_metadata": false, \
                "features": ["driver_hourly_stats:conv_rate", "driver_hourly_stats:avg_daily_trips"]}""");

        assertThat(featureNames(full)).containsExactly("driver_id", "driver_hourly_stats__conv_rate", "driver_hourly_stats__avg_daily_trips");
        assertThat(column(full, 2, "values")).isEqualTo(List.of(12));

        // online_read: the features of one view and one join key, nothing else
        RawHttp.Answer onlineRead = remote("/get-online-features", """
                {"features": ["driver_hourly_stats:conv_rate", "driver_hourly_stats:avg_daily_trips"], "entities": {"driver_id": [1002, 1001]}}""");

        assertThat(featureNames(onlineRead)).containsExactly("driver_id", "conv_rate", "avg_daily_trips");
        assertThat(column(onlineRead, 2, "values")).isEqualTo(List.of(30, 12));
        assertThat(firstEventTimestamp(onlineRead)).isEqualTo(second);
    }

    @Test
    void aWriteOlderThanWhatIsStoredLeavesItAsPushesDo() {
        remoteWrite(1101, now.minusSeconds(10), 0.5);
        RawHttp.Answer older = remoteWrite(1101, now.minusSeconds(20), 0.25);

        assertThat(older.json()).containsEntry("online_written", 0).containsEntry("online_unchanged", 1);
        assertThat(column(readConvRate(1101), 1, "values")).isEqualTo(List.of(0.5));
    }

    @Test
    void featureServicesAndOnDemandFeaturesReadWithRequestDataAmongTheEntities() {
        remoteWrite(1201, now.minusSeconds(30), 0.5);

        RawHttp.Answer byName = remote("/get-online-features", """
                {"entities": {"driver_id": [1201, 1202], "val_to_add": [1, 2]}, "full_feature_names": false, \
                "include_feature_view_version_metadata": false, "feature_service": "driver_activity_v1"}""");
        RawHttp.Answer full = remote("/get-online-features", """
                {"entities": {"driver_id": [1201, 1202], "val_to_add": [1, 2]}, "full_feature_names": true, \
                "include_feature_view_version_metadata": false, "feature_service": "driver_activity_v1"}""");
        RawHttp.Answer listed = remote("/get-online-features", """
                {"entities": {"driver_id": [1201], "val_to_add": [10]}, "full_feature_names": false, \
                "include_feature_view_version_metadata": false, "features": ["transformed_conv_rate:conv_rate_plus_val1"]}""");

        assertThat(featureNames(byName)).containsExactly("driver_id", "conv_rate", "conv_rate_plus_val1");
        assertThat(column(byName, 2, "values")).isEqualTo(Arrays.asList(1.5, null));
        assertThat(column(byName, 2, "statuses")).isEqualTo(List.of("PRESENT", "NULL_VALUE"));
        assertThat(featureNames(full)).containsExactly("driver_id", "driver_hourly_stats__conv_rate", "transformed_conv_rate__conv_rate_plus_val1");
        assertThat(column(full, 1, "values")).isEqualTo(Arrays.asList(0.5, null));
        assertThat(column(listed, 1, "values")).isEqualTo(List.of(10.5));
    }

    @Test
    void feastServeCurlExamplesWithTheirFormContentTypeAndNaiveTimestamps() {
        Instant event = now.minusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        // python-feature-server.md: push with "2022-05-13 10:59:42+00:00" and str(datetime(...)), to online_and_offline
        RawHttp.Answer pushed = send("/push", CURL_HEADERS, """
                {
                    "push_source_name": "driver_stats_push_source",
                    "df": {
                            "driver_id": [1301],
                            "event_timestamp": ["%s"],
                            "created": ["%s"],
                            "conv_rate": [1.0],
                            "acc_rate": [1.0],
                            "avg_daily_trips": [1000]
                    },
                    "to": "online_and_offline"
                  }""".formatted(str(event) + "+00:00", str(event)));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json()).containsEntry("online_written", 1);
        assertThat((String) pushed.json().get("offline_object")).startsWith(sourcePath);

        // python-feature-server.md: get-online-features, by features and by feature service
        RawHttp.Answer read = send("/get-online-features", CURL_HEADERS, """
                {
                    "features": [
                      "driver_hourly_stats_fresh:conv_rate",
                      "driver_hourly_stats_fresh:acc_rate",
                      "driver_hourly_stats_fresh:avg_daily_trips"
                    ],
                    "entities": {
                      "driver_id": [1301, 1302, 1303]
                    }
                  }""");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(featureNames(read)).containsExactly("driver_id", "conv_rate", "acc_rate", "avg_daily_trips");
        assertThat(column(read, 3, "values")).isEqualTo(Arrays.asList(1000, null, null));
        assertThat(((List<?>) column(read, 1, "event_timestamps")).get(0)).isEqualTo(event.toString());
        RawHttp.Answer byService = send("/get-online-features", CURL_HEADERS, """
                {
                    "feature_service": "driver_activity_v1",
                    "entities": {
                      "driver_id": [1001, 1002, 1003],
                      "val_to_add": [1, 2, 3]
                    }
                  }""");
        assertThat(byService.status()).as(byService.body()).isEqualTo(200);
        assertThat(featureNames(byService)).containsExactly("driver_id", "conv_rate", "conv_rate_plus_val1");

        // the same content type under the project prefix
        RawHttp.Answer written = send("/projects/%s/write-to-online-store".formatted(project), CURL_HEADERS, """
                {"feature_view_name": "driver_hourly_stats", "df": {"driver_id": [1304], "conv_rate": [0.25], "acc_rate": [0.5],                 "avg_daily_trips": [7], "event_timestamp": ["%s"]}}""".formatted(str(event)));
        assertThat(written.status()).as(written.body()).isEqualTo(200);
        assertThat(column(readConvRate(1304), 1, "values")).isEqualTo(List.of(0.25));
    }

    @Test
    void pythonRequestsWithoutAContentTypeAndIsoformatTimestampsWithFractions() {
        Instant event = now.minusSeconds(45);
        // requests.post("http://localhost:6566/push", data=json.dumps(push_data)): no Content-Type at all
        RawHttp.Answer pushed = send("/push", REQUESTS_HEADERS, """
                {"push_source_name": "driver_stats_push_source", "df": {"driver_id": [1401], "event_timestamp": ["%s"], \
                "created": ["%s"], "conv_rate": [1.0], "acc_rate": [1.0], "avg_daily_trips": [1000]}, "to": "online"}"""
                .formatted(str(event), isoformat(event)));

        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        RawHttp.Answer read = remote("/get-online-features", """
                {"entities": {"driver_id": [1401]}, "full_feature_names": false, "include_feature_view_version_metadata": false, \
                "features": ["driver_hourly_stats_fresh:avg_daily_trips"]}""");
        assertThat(column(read, 1, "values")).isEqualTo(List.of(1000));
        assertThat(firstEventTimestamp(read)).isEqualTo(event);
    }

    @Test
    void aFormBodyThatIsNotJsonIsA400NamingTheProblemAndWritesNothing() {
        RawHttp.Answer answer = send("/push", CURL_HEADERS, "push_source_name=driver_stats_push_source&to=online&driver_id=1501");

        assertProblem(answer, 400, "MALFORMED_BODY");
        assertThat(answer.at("detail").toString()).contains("not valid JSON");
        assertThat(column(readConvRate(1501), 1, "statuses")).isEqualTo(List.of("NOT_FOUND"));
    }

    @Test
    void everyBadWriteIsANamedProblemAndWritesNothing() {
        String good = """
                "driver_id": [2001, 2002], "conv_rate": [0.5, 0.25], "acc_rate": [0.75, 0.5], "avg_daily_trips": [1, 2], \
                "event_timestamp": ["%1$s", "%1$s"], "created": [null, null]""".formatted(isoformat(now.minusSeconds(5)));
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good.replace("[1, 2]", "[1, \"two\"]"), 400, "df.avg_daily_trips[1]");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good.replace("[2001, 2002]", "[2001, null]"), 400, "df.driver_id[1]");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good.replace("\"driver_id\": [2001, 2002], ", ""), 400, "df.driver_id");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good + ", \"extra\": [1, 2]", 400, "df.extra");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good.replace("[0.5, 0.25]", "[0.5]"), 400, "df.conv_rate");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats",
                good.replace("\"event_timestamp\": [\"%1$s\", \"%1$s\"]".formatted(isoformat(now.minusSeconds(5))), "\"event_timestamp\": [null, \"yesterday\"]"),
                400, "df.event_timestamp[1]");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good.replace("[null, null]", "[null, \"%s\"]".formatted(isoformat(now.plusSeconds(7_200)))),
                400, "df.created[1]");
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", good.replace("\"event_timestamp\": [\"%1$s\", \"%1$s\"], ".formatted(isoformat(now.minusSeconds(5))), ""),
                400, "df.event_timestamp");
        assertBadWrite("/write-to-online-store", "no_such_view", good, 404, "feature_view_name");
        assertBadWrite("/write-to-online-store", "transformed_conv_rate", good, 404, "feature_view_name");
        assertBadWrite("/write-to-online-store", "driver_offline_only", good, 400, "feature_view_name");
        assertBadWrite("/write-to-online-store", "driver_created_field", good, 400, "feature_view_name");
        assertBadWrite("/write-to-online-store", "Not A Name", good, 400, "feature_view_name");
        StringBuilder many = new StringBuilder();
        for (int row = 0; row <= MAX_PUSH_ROWS; row++) {
            many.append(row == 0 ? "" : ", ").append(3000 + row);
        }
        assertBadWrite("/write-to-online-store", "driver_hourly_stats", "\"driver_id\": [%s]".formatted(many), 413, "df");
        RawHttp.Answer noView = remote("/write-to-online-store", "{\"df\": {%s}}".formatted(good));
        assertProblem(noView, 400, "INVALID_REQUEST");
        assertThat(paths(noView)).containsExactly("feature_view_name");
        RawHttp.Answer unknownProject = send("/projects/no_such_project/write-to-online-store", json(),
                "{\"feature_view_name\": \"driver_hourly_stats\", \"df\": {%s}}".formatted(good));
        assertProblem(unknownProject, 404, "NOT_FOUND");
        assertThat(paths(unknownProject)).containsExactly("project");
        RawHttp.Answer badProject = send("/projects/Bad-Project/write-to-online-store", json(),
                "{\"feature_view_name\": \"driver_hourly_stats\", \"df\": {%s}}".formatted(good));
        assertProblem(badProject, 400, "VALIDATION_FAILED");
        assertThat(paths(badProject)).containsExactly("project");

        assertThat(column(readConvRate(2001, 2002), 1, "statuses")).isEqualTo(List.of("NOT_FOUND", "NOT_FOUND"));
    }

    @Test
    void theProjectInThePathWinsOverTheQueryAndTheHeader() {
        remoteWrite(1601, now.minusSeconds(5), 0.5);
        Map<String, String> headers = new LinkedHashMap<>(json());
        headers.put("X-Feature-Project", "other_project");

        RawHttp.Answer answer = send("/projects/%s/get-online-features?project=another_project".formatted(project), headers, """
                {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1601]}}""");
        RawHttp.Answer unknown = send("/projects/no_such_project/get-online-features?project=" + project, json(), """
                {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1601]}}""");
        RawHttp.Answer badName = send("/projects/Bad-Project/push", json(), "{\"push_source_name\": \"driver_stats_push_source\", \"df\": {}}");

        assertThat(column(answer, 1, "values")).isEqualTo(List.of(0.5));
        assertProblem(unknown, 404, "NOT_FOUND");
        assertThat(paths(unknown)).containsExactly("project");
        assertProblem(badName, 400, "VALIDATION_FAILED");
    }

    @Test
    void aProjectsHealthSaysWhetherItsDefinitionsCanBeRead() {
        RawHttp.Answer up = http.get("/projects/%s/health".formatted(project));
        RawHttp.Answer unknown = http.get("/projects/no_such_project/health");
        RawHttp.Answer anonymous = http.as(null).get("/projects/%s/health".formatted(project));

        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json()).isEqualTo(Map.of("status", "UP", "project", project));
        assertProblem(unknown, 404, "NOT_FOUND");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private void assertBadWrite(String path, String view, String columns, int status, String named) {
        RawHttp.Answer answer = remote(path, "{\"feature_view_name\": \"%s\", \"df\": {%s}, \"allow_registry_cache\": false}".formatted(view, columns));
        assertThat(answer.status()).as(view + " " + columns + " -> " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(paths(answer)).as(answer.body()).contains(named);
    }

    private RawHttp.Answer remoteWrite(long driver, Instant event, double convRate) {
        RawHttp.Answer answer = remote("/write-to-online-store", """
                {"feature_view_name": "driver_hourly_stats", "df": {"driver_id": [%d], "conv_rate": [%s], "acc_rate": [0.5], \
                "avg_daily_trips": [1], "event_timestamp": ["%s"], "created": [null]}, "allow_registry_cache": false}"""
                .formatted(driver, convRate, isoformat(event)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private RawHttp.Answer readConvRate(long... drivers) {
        RawHttp.Answer answer = remote("/get-online-features", """
                {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": %s}}""".formatted(Arrays.toString(drivers)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    /** A request of the remote online store: {@code <path>} is {@code http://host:port/projects/<project>}, the body is sent with {@code json=}. */
    private RawHttp.Answer remote(String endpoint, String body) {
        return send("/projects/%s%s".formatted(project, endpoint), json(), body);
    }

    private static Map<String, String> json() {
        Map<String, String> headers = new LinkedHashMap<>(REQUESTS_HEADERS);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** A POST with exactly these headers (and the credential), its gzip answer decoded as requests and curl --compressed do. */
    private RawHttp.Answer send(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + TestCredentials.ADMIN_KEY)
                .timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
                try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = gzip.readAllBytes();
                }
            }
            return new RawHttp.Answer(response.statusCode(), response.headers().firstValue("Content-Type"), response.headers().firstValue("X-Request-Id"),
                    new String(bytes, StandardCharsets.UTF_8), jsonMapper, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Python's {@code datetime.isoformat()} of a naive UTC datetime: {@code 2026-12-07T13:12:37}, or with {@code .123456}. */
    private static String isoformat(Instant instant) {
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String seconds = SECONDS.format(time);
        int micros = time.getNano() / 1_000;
        return micros == 0 ? seconds : seconds + ".%06d".formatted(micros);
    }

    /** Python's {@code str(datetime)}: as {@link #isoformat} with a space for the {@code T}. */
    private static String str(Instant instant) {
        return isoformat(instant).replace('T', ' ');
    }

    private static List<Object> featureNames(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return List.copyOf((List<?>) answer.at("metadata.feature_names"));
    }

    private static Object column(RawHttp.Answer answer, int index, String member) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<?> results = (List<?>) answer.json().get("results");
        List<?> values = (List<?>) ((Map<?, ?>) results.get(index)).get(member);
        if (member.equals("statuses")) {
            // remote.py maps each through its _STATUS_MAP; anything else would be INVALID
            assertThat(values).allSatisfy(status -> assertThat(status).isIn("PRESENT", "NOT_FOUND", "NULL_VALUE", "OUTSIDE_MAX_AGE"));
        }
        return values;
    }

    /** {@code remote.py}'s {@code _get_event_ts}: {@code results[1].event_timestamps[0]}, through {@code fromisoformat}. */
    private static Instant firstEventTimestamp(RawHttp.Answer answer) {
        String text = (String) ((List<?>) column(answer, 1, "event_timestamps")).get(0);
        assertThat(text).matches(PYTHON_ISO);
        return Instant.parse(text);
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.json()).containsEntry("code", code);
    }

    private static List<Object> paths(RawHttp.Answer answer) {
        return ((List<?>) answer.json().get("errors")).stream().<Object>map(error -> ((Map<?, ?>) error).get("path")).toList();
    }
}
