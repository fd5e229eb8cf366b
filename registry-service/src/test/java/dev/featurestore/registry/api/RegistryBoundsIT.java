package dev.featurestore.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounds of definitions (docs/limits.md) through the registry's API, against the attacks of issue 14: NUL in a
 * name or query parameter and names of a million characters (500 before: PostgreSQL refused them), a duration of
 * {@code 9223372036854775807s} (accepted before, then breaking consumers), answers that echoed the whole input; and
 * a definition stored before the bounds still reads and stays usable.
 */
@MicronautTest(transactional = false)
class RegistryBoundsIT extends AbstractRegistryApiTest {
    private static final String ENTITY = "{\"name\": \"%s\", \"join_keys\": [{\"name\": \"driver_id\", \"value_type\": \"INT64\"}]}";

    @Test
    void refusesNulInANameListingEveryBadFieldAndWritingNothing() {
        String project = newProject();

        RawHttp.Answer answer = apply(project, "", """
                {"entities": [{"name": "dri\\u0000ver", "description": "a\\u0000b", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}]}""");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("entities[0].name", "entities[0].description");
        assertThat(http.get("/v1/projects/" + project).status()).isEqualTo(404);
        assertThat(outboxRows(project)).isZero();
    }

    @Test
    void refusesNulInAQueryParameterOrPathNamingItWithoutEchoingIt() {
        RawHttp.Answer query = http.get("/v1/search?q=trips%00secret");
        RawHttp.Answer path = http.get("/v1/projects/demo%00secret/registry");

        assertThat(query.status()).as(query.body()).isEqualTo(400);
        assertThat(errorPaths(query)).containsExactly("q");
        assertThat(query.body()).doesNotContain("secret");
        assertThat(path.status()).as(path.body()).isEqualTo(400);
        assertThat(errorPaths(path)).containsExactly("path");
        assertThat(path.body()).doesNotContain("secret");
    }

    @Test
    void refusesAMillionCharacterNameWithASmallAnswer() {
        String project = newProject();
        String name = "a".repeat(1_000_000);

        RawHttp.Answer answer = apply(project, "", "{\"entities\": [%s]}".formatted(ENTITY.formatted(name)));

        assertThat(answer.status()).as(answer.body().substring(0, Math.min(answer.body().length(), 500))).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("entities[0].name");
        assertThat(answer.body().length()).isLessThan(2_000);
        assertThat(answer.body()).contains("is 1000000 characters, at most 128");
    }

    @Test
    void answersABodyOverTheLimitWith413AndASmallProblem() {
        String project = newProject();
        String description = "d".repeat(11 * 1024 * 1024);

        RawHttp.Answer answer = apply(project, "", "{\"entities\": [{\"name\": \"x\", \"description\": \"%s\"}]}".formatted(description));

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body().length()).isLessThan(2_000);
    }

    @Test
    void refusesADurationThatOverflowsOrExceedsTenYears() {
        String project = newProject();

        RawHttp.Answer answer = apply(project, "", """
                {"entities": [%s],
                 "data_sources": [{"name": "src", "type": "parquet", "path": "s3://bucket/src/", "timestamp_field": "ts"}],
                 "feature_views": [{"name": "view", "entities": ["driver"], "source": "src", "ttl": "9223372036854775807s",
                                    "freshness_sla": "PT9999999999999999999H", "materialization_interval": "3651d",
                                    "schema": [{"name": "f", "dtype": "INT64"}]}]}""".formatted(ENTITY.formatted("driver")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(errorPaths(answer)).containsExactly("feature_views[0].ttl", "feature_views[0].freshness_sla", "feature_views[0].materialization_interval");
        assertThat(outboxRows(project)).isZero();
    }

    @Test
    void aDefinitionStoredBeforeTheBoundsStillReadsAndStaysUsable() throws SQLException {
        String project = newProject();
        assertThat(apply(project, "", "{\"entities\": [%s]}".formatted(ENTITY.formatted("driver"))).status()).isEqualTo(200);
        String longName = "legacy_" + "x".repeat(300);
        insertStoredEntity(project, longName);

        RawHttp.Answer read = http.get("/v1/projects/%s/entities/%s".formatted(project, longName));
        RawHttp.Answer snapshot = http.get("/v1/projects/%s/registry".formatted(project));
        RawHttp.Answer laterApply = apply(project, "", "{\"entities\": [%s]}".formatted(ENTITY.formatted("rider")));
        RawHttp.Answer newLongName = apply(project, "", "{\"entities\": [%s]}".formatted(ENTITY.formatted("new_" + "x".repeat(300))));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains(longName);
        assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(200);
        assertThat(snapshot.body()).contains(longName);
        assertThat(laterApply.status()).as(laterApply.body()).isEqualTo(200);
        assertThat(newLongName.status()).as(newLongName.body()).isEqualTo(400);
    }

    /** Writes an entity as a registry of before the bounds did: straight into the tables, unchecked. */
    private void insertStoredEntity(String project, String name) throws SQLException {
        String body = ENTITY.formatted(name);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            try (PreparedStatement object = connection.prepareStatement(
                    "INSERT INTO registry.registry_object (project, kind, name, current_version, deleted, updated_at) VALUES (?, 'entity', ?, 1, false, ?)")) {
                object.setString(1, project);
                object.setString(2, name);
                object.setTimestamp(3, now);
                object.executeUpdate();
            }
            try (PreparedStatement version = connection.prepareStatement("""
                    INSERT INTO registry.object_version (project, kind, name, version, body, deleted, registry_version, created_at)
                    VALUES (?, 'entity', ?, 1, ?::jsonb, false, 1, ?)""")) {
                version.setString(1, project);
                version.setString(2, name);
                version.setString(3, body);
                version.setTimestamp(4, now);
                version.executeUpdate();
            }
        }
    }

    private static List<Object> errorPaths(RawHttp.Answer answer) {
        return ((List<?>) answer.json().get("errors")).stream().map(error -> ((Map<?, ?>) error).get("path")).map(Object.class::cast).toList();
    }
}
