package dev.featurestore.registry.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/search} and {@code GET /v1/projects/{p}/lineage/{kind}/{name}} against the real stack. */
@MicronautTest(transactional = false)
class DiscoveryApiTest extends AbstractRegistryApiTest {
    /** A document whose searchable text carries {@code token} in several places (and nowhere else in the database). */
    private static String document(String token) {
        return """
                {"entities": [{"name": "rider", "join_keys": [{"name": "rider_id", "value_type": "INT64"}], "description": "Rider of %1$s"}],
                 "data_sources": [
                   {"name": "rides_src", "type": "parquet", "path": "s3://features/rides/", "timestamp_field": "ts", "owner": "%1$s-data@example.com"},
                   {"name": "rides_push", "type": "push", "batch_source": "rides_src"},
                   {"name": "quote_req", "type": "request", "schema": [{"name": "distance_km", "dtype": "FLOAT64"}]}],
                 "feature_views": [
                   {"name": "rider_stats", "entities": ["rider"], "source": "rides_push", "owner": "ml@example.com",
                    "tags": {"domain": "%1$s-rides"}, "description": "Rider statistics",
                    "schema": [{"name": "trips_7d", "dtype": "INT64"}, {"name": "rating", "dtype": "FLOAT64", "tags": {"unit": "stars"}}]},
                   {"name": "rider_misc", "entities": ["rider"], "source": "rides_src", "description": "Misc",
                    "schema": [{"name": "other", "dtype": "INT64"}, {"name": "%1$s_score", "dtype": "FLOAT64", "description": "A score"}]}],
                 "on_demand_feature_views": [
                   {"name": "rider_quote", "sources": ["rider_stats", "quote_req"], "schema": [{"name": "quote", "dtype": "FLOAT64"}],
                    "expressions": {"quote": "quote_req.distance_km * 1.5 + rider_stats.rating"}}],
                 "feature_services": [
                   {"name": "rider_app", "features": [{"feature_view": "rider_stats"}, {"feature_view": "rider_quote"}],
                    "description": "App of %2$s"}]}
                """.formatted(token, token.toUpperCase(Locale.ROOT));
    }

    @Test
    void searchFindsFeaturesOfMatchingViewsMatchingFeaturesAndMatchingObjectsIgnoringCase() {
        String token = newToken();
        String project = "s_" + token;
        applied(project, document(token));

        RawHttp.Answer answer = http.get("/v1/search?q=" + token.toUpperCase(Locale.ROOT));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).containsOnlyKeys("q", "limit", "hits", "objects", "truncated");
        assertThat(answer.at("limit")).isEqualTo(50);
        assertThat(answer.at("truncated")).isEqualTo(false);
        // rider_misc (one matching feature) before rider_stats (matching tag: every feature), in schema order.
        assertThat(hits(answer, "hits")).containsExactly(
                withNulls(Map.of("project", project, "view", "rider_misc", "view_kind", "feature_view", "feature", token + "_score",
                        "dtype", "FLOAT64", "description", "A score", "tags", Map.of()), "owner"),
                Map.of("project", project, "view", "rider_stats", "view_kind", "feature_view", "feature", "trips_7d", "dtype", "INT64",
                        "description", "Rider statistics", "owner", "ml@example.com", "tags", Map.of("domain", token + "-rides")),
                Map.of("project", project, "view", "rider_stats", "view_kind", "feature_view", "feature", "rating", "dtype", "FLOAT64",
                        "description", "Rider statistics", "owner", "ml@example.com", "tags", Map.of("domain", token + "-rides", "unit", "stars")));
        assertThat(hits(answer, "objects")).extracting(hit -> hit.get("kind") + "/" + hit.get("name")).containsExactly(
                "entity/rider", "data_source/rides_src", "feature_service/rider_app");
    }

    @Test
    void searchSpansProjectsInAStableOrderAndLimitCapsEachList() {
        String token = newToken();
        applied("s_" + token + "_b", document(token));
        applied("s_" + token + "_a", document(token));

        RawHttp.Answer all = http.get("/v1/search?q=" + token);
        RawHttp.Answer limited = http.get("/v1/search?q=%s&limit=2".formatted(token));

        assertThat(hits(all, "hits")).extracting(hit -> hit.get("project") + ":" + hit.get("view") + "." + hit.get("feature")).containsExactly(
                "s_%s_a:rider_misc.%s_score".formatted(token, token),
                "s_%s_a:rider_stats.trips_7d".formatted(token), "s_%s_a:rider_stats.rating".formatted(token),
                "s_%s_b:rider_misc.%s_score".formatted(token, token),
                "s_%s_b:rider_stats.trips_7d".formatted(token), "s_%s_b:rider_stats.rating".formatted(token));
        assertThat(hits(all, "objects")).hasSize(6);
        assertThat(limited.at("truncated")).isEqualTo(true);
        assertThat(hits(limited, "hits")).isEqualTo(hits(all, "hits").subList(0, 2));
        assertThat(hits(limited, "objects")).isEqualTo(hits(all, "objects").subList(0, 2));
    }

    @Test
    void searchSkipsDeletedObjectsAndDeletedProjects() {
        String token = newToken();
        String kept = "s_" + token + "_kept";
        String gone = "s_" + token + "_gone";
        applied(kept, document(token));
        applied(gone, document(token));

        assertThat(http.send("DELETE", "/v1/projects/%s/feature_services/rider_app".formatted(kept), "application/json", "").status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/v1/projects/%s?cascade=true".formatted(gone), "application/json", "").status()).isEqualTo(200);
        RawHttp.Answer answer = http.get("/v1/search?q=" + token);

        assertThat(hits(answer, "hits")).hasSize(3).allSatisfy(hit -> assertThat(hit.get("project")).isEqualTo(kept));
        assertThat(hits(answer, "objects")).extracting(hit -> hit.get("kind") + "/" + hit.get("name"))
                .containsExactly("entity/rider", "data_source/rides_src");
    }

    @Test
    void searchTakesWildcardsQuotesAndOtherTextLiterally() {
        String token = newToken();
        applied("s_" + token, document(token));

        for (String query : List.of(token + "%", token.substring(0, 4) + "_" + token.substring(5), token + "\"", token + "é")) {
            RawHttp.Answer answer = http.get("/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(hits(answer, "hits")).as(query).isEmpty();
            assertThat(hits(answer, "objects")).as(query).isEmpty();
        }
        assertThat(hits(http.get("/v1/search?q=" + URLEncoder.encode(token + "-data@", StandardCharsets.UTF_8)), "objects"))
                .extracting(hit -> hit.get("name")).containsExactly("rides_src");
    }

    @Test
    void badSearchInputIsRefusedNamingTheParameter() {
        for (String query : List.of("", "?q=", "?q=%20%20", "?limit=5")) {
            Map<String, Object> problem = assertProblem(http.get("/v1/search" + query), 400, "VALIDATION_FAILED");
            assertThat(problem.get("errors").toString()).as(query).contains("path=q");
        }
        assertThat(assertProblem(http.get("/v1/search?q=" + "x".repeat(201)), 400, "VALIDATION_FAILED").get("errors").toString())
                .contains("path=q");
        for (String limit : List.of("0", "501", "many")) {
            Map<String, Object> problem = assertProblem(http.get("/v1/search?q=rider&limit=" + limit), 400, "VALIDATION_FAILED");
            assertThat(problem.get("errors").toString()).as(limit).contains("path=limit");
        }
    }

    @Test
    void lineageOfAViewGoesUpToItsSourcesAndDownToOnDemandViewsAndServices() {
        String project = "l_" + newToken();
        applied(project, document("lineage"));

        RawHttp.Answer answer = http.get("/v1/projects/%s/lineage/feature_views/rider_stats".formatted(project));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.at("project")).isEqualTo(project);
        assertThat(answer.at("object")).isEqualTo(Map.of("kind", "feature_view", "name", "rider_stats"));
        assertThat(steps(answer, "upstream")).containsExactly(
                Map.of("kind", "entity", "name", "rider", "edge", "entity", "read_by", ref("feature_view", "rider_stats"), "depth", 1),
                Map.of("kind", "data_source", "name", "rides_push", "edge", "source", "read_by", ref("feature_view", "rider_stats"), "depth", 1),
                Map.of("kind", "data_source", "name", "rides_src", "edge", "batch_source", "read_by", ref("data_source", "rides_push"), "depth", 2));
        assertThat(steps(answer, "downstream")).containsExactly(
                Map.of("kind", "on_demand_feature_view", "name", "rider_quote", "edge", "source", "reads", ref("feature_view", "rider_stats"), "depth", 1),
                Map.of("kind", "feature_service", "name", "rider_app", "edge", "feature_view", "reads", ref("feature_view", "rider_stats"), "depth", 1),
                Map.of("kind", "feature_service", "name", "rider_app", "edge", "feature_view", "reads", ref("on_demand_feature_view", "rider_quote"),
                        "depth", 2));
    }

    @Test
    void lineageOfASourceListsEveryReaderTransitively() {
        String project = "l_" + newToken();
        applied(project, document("lineage"));

        RawHttp.Answer answer = http.get("/v1/projects/%s/lineage/data_sources/rides_src".formatted(project));

        assertThat(steps(answer, "upstream")).isEmpty();
        assertThat(steps(answer, "downstream")).extracting(step -> step.get("depth") + ":" + step.get("kind") + "/" + step.get("name")
                + "<-" + ((Map<?, ?>) step.get("reads")).get("name")).containsExactly(
                "1:data_source/rides_push<-rides_src", "1:feature_view/rider_misc<-rides_src",
                "2:feature_view/rider_stats<-rides_push",
                "3:on_demand_feature_view/rider_quote<-rider_stats", "3:feature_service/rider_app<-rider_stats",
                "4:feature_service/rider_app<-rider_quote");
        RawHttp.Answer service = http.get("/v1/projects/%s/lineage/feature_services/rider_app".formatted(project));
        assertThat(steps(service, "downstream")).isEmpty();
        assertThat(steps(service, "upstream")).extracting(step -> step.get("kind") + "/" + step.get("name")).containsExactly(
                "feature_view/rider_stats", "on_demand_feature_view/rider_quote",
                "entity/rider", "data_source/quote_req", "data_source/rides_push", "feature_view/rider_stats",
                "data_source/rides_src");
    }

    @Test
    void lineageOfAnUnknownProjectKindOrObjectIsNotFound() {
        String project = "l_" + newToken();
        applied(project, document("lineage"));
        http.send("DELETE", "/v1/projects/%s/feature_services/rider_app".formatted(project), "application/json", "");

        assertProblem(http.get("/v1/projects/%s/lineage/widgets/rider_stats".formatted(project)), 404, "UNKNOWN_KIND");
        assertProblem(http.get("/v1/projects/%s/lineage/feature_views/nobody".formatted(project)), 404, "OBJECT_NOT_FOUND");
        assertProblem(http.get("/v1/projects/%s/lineage/entities/rider_stats".formatted(project)), 404, "OBJECT_NOT_FOUND");
        assertProblem(http.get("/v1/projects/%s/lineage/feature_services/rider_app".formatted(project)), 404, "OBJECT_NOT_FOUND");
        assertProblem(http.get("/v1/projects/no_such_project_here/lineage/feature_views/rider_stats"), 404, "PROJECT_NOT_FOUND");
    }

    private static Map<String, Object> ref(String kind, String name) {
        return Map.of("kind", kind, "name", name);
    }

    private static Map<String, Object> withNulls(Map<String, Object> map, String... nullKeys) {
        Map<String, Object> copy = new HashMap<>(map);
        for (String key : nullKeys) {
            copy.put(key, null);
        }
        return copy;
    }

    private static String newToken() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private void applied(String project, String document) {
        RawHttp.Answer answer = apply(project, "", document);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hits(RawHttp.Answer answer, String list) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (List<Map<String, Object>>) answer.at(list);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(RawHttp.Answer answer, String list) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (List<Map<String, Object>>) answer.at(list);
    }
}
