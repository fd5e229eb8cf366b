package dev.featurestore.registry.api;

import static dev.featurestore.runtime.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.registry.domain.Documents;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TestCredentials;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what in the registry: API keys and role bindings through the API, a table of role x endpoint x status,
 * revocation, the audit of access changes, and a deleted project's grants gone.
 */
@MicronautTest(transactional = false)
class AccessApiTest extends AbstractRegistryApiTest {
    private final String project = newProject();
    private final String other = newProject();
    private final Map<String, RawHttp> callers = new LinkedHashMap<>();

    @BeforeAll
    void createProjectAndKeys() {
        assertThat(apply(project, "", Documents.designExample()).status()).isEqualTo(200);
        assertThat(apply(other, "", Documents.designExample()).status()).isEqualTo(200);
        callers.put("anonymous", http.as(null));
        for (String role : List.of("viewer", "ingester", "editor", "admin")) {
            callers.put(role, http.as(createKey(project, role)));
        }
        callers.put("viewer_elsewhere", http.as(createKey(other, "viewer")));
    }

    private String createKey(String inProject, String role) {
        RawHttp.Answer created = http.send("POST", "/v1/projects/%s/api-keys".formatted(inProject), "application/json",
                "{\"name\": \"%s key\", \"roles\": [\"%s\"]}".formatted(role, role));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.at("key");
    }

    /** One row: a request, and the status each caller gets. */
    private record Row(String method, String path, String body, Map<String, Integer> expected) {
    }

    private static Map<String, Integer> statuses(int anonymous, int viewer, int ingester, int editor, int admin, int elsewhere) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("anonymous", anonymous);
        statuses.put("viewer", viewer);
        statuses.put("ingester", ingester);
        statuses.put("editor", editor);
        statuses.put("admin", admin);
        statuses.put("viewer_elsewhere", elsewhere);
        return statuses;
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() {
        String apply = Documents.designExample();
        List<Row> table = List.of(
                new Row("GET", "/v1/projects/%s".formatted(project), null, statuses(401, 200, 200, 200, 200, 403)),
                new Row("GET", "/v1/projects/%s/registry".formatted(project), null, statuses(401, 200, 200, 200, 200, 403)),
                new Row("GET", "/v1/projects/%s/feature_views".formatted(project), null, statuses(401, 200, 200, 200, 200, 403)),
                new Row("GET", "/v1/projects/%s/feature_views/driver_hourly/versions".formatted(project), null, statuses(401, 200, 200, 200, 200, 403)),
                new Row("GET", "/v1/projects/%s/audit".formatted(project), null, statuses(401, 200, 200, 200, 200, 403)),
                new Row("GET", "/v1/projects/%s/lineage/feature_views/driver_hourly".formatted(project), null, statuses(401, 200, 200, 200, 200, 403)),
                new Row("POST", "/v1/projects/%s/apply?dry_run=true".formatted(project), apply, statuses(401, 403, 403, 200, 200, 403)),
                new Row("DELETE", "/v1/projects/%s/feature_services/dispatch_v1?dry_run=true".formatted(project), "", statuses(401, 403, 403, 200, 200, 403)),
                new Row("DELETE", "/v1/projects/%s?cascade=true&dry_run=true".formatted(project), "", statuses(401, 403, 403, 403, 200, 403)),
                new Row("GET", "/v1/projects/%s/api-keys".formatted(project), null, statuses(401, 403, 403, 403, 200, 403)),
                new Row("GET", "/v1/projects/%s/role-bindings".formatted(project), null, statuses(401, 403, 403, 403, 200, 403)),
                new Row("GET", "/v1/projects/%s/access-audit".formatted(project), null, statuses(401, 403, 403, 403, 200, 403)),
                new Row("POST", "/v1/projects/%s/role-bindings".formatted(project), "{\"principal\": \"user:table\", \"role\": \"viewer\"}",
                        statuses(401, 403, 403, 403, 201, 403)),
                new Row("GET", "/v1/access", null, statuses(401, 403, 403, 403, 403, 403)),
                new Row("GET", "/v1/api-keys", null, statuses(401, 403, 403, 403, 403, 403)),
                new Row("POST", "/v1/projects", "{\"name\": \"%s_new\"}".formatted(project), statuses(401, 403, 403, 403, 403, 403)));

        List<String> mismatches = new ArrayList<>();
        for (Row row : table) {
            row.expected().forEach((caller, expected) -> {
                RawHttp.Answer answer = callers.get(caller).send(row.method(), row.path(), row.body() == null ? null : "application/json", row.body());
                if (answer.status() != expected) {
                    mismatches.add("%s %s as %s: %d, expected %d (%s)".formatted(row.method(), row.path(), caller, answer.status(), expected,
                            answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body()));
                }
                else if (expected >= 400) {
                    assertThat(answer.contentType()).as("%s %s as %s".formatted(row.method(), row.path(), caller)).contains("application/problem+json");
                }
            });
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theServiceKeyAndGlobalAdminsReadTheDirectoryWithHashesOnly() {
        RawHttp.Answer directory = http.as(TestCredentials.SERVICE_KEY).get("/v1/access");

        assertThat(directory.status()).as(directory.body()).isEqualTo(200);
        assertThat(directory.body()).contains("secret_sha256").doesNotContain("fsk_");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bindings = (List<Map<String, Object>>) directory.at("role_bindings");
        assertThat(bindings).anySatisfy(binding -> assertThat(binding).containsEntry("project", project).containsEntry("role", "editor"));
        assertThat(http.get("/v1/access").status()).as("the global admin key").isEqualTo(200);
        RawHttp.Answer again = http.as(TestCredentials.SERVICE_KEY).send(HttpRequest.newBuilder(server.getURI().resolve("/v1/access"))
                .header("If-None-Match", "\"access-%s\"".formatted(directory.at("version"))).GET());
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void listsAndSearchShowOnlyReadableProjects() {
        RawHttp elsewhere = callers.get("viewer_elsewhere");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projects = (List<Map<String, Object>>) elsewhere.get("/v1/projects").at("projects");
        RawHttp.Answer search = elsewhere.get("/v1/search?q=conv_rate&limit=500");

        assertThat(projects).extracting(entry -> entry.get("name")).containsExactly(other);
        assertThat(search.body()).contains(other).doesNotContain(project);
    }

    @Test
    void aKeyIsShownOnceListedWithoutSecretAndStopsWorkingWhenRevoked() {
        RawHttp.Answer created = http.send("POST", "/v1/projects/%s/api-keys".formatted(project), "application/json",
                "{\"name\": \"pipeline\", \"roles\": [\"ingester\"]}");
        String key = (String) created.at("key");
        String keyId = (String) created.at("key_id");
        RawHttp pipeline = http.as(key);
        assertThat(pipeline.get("/v1/projects/%s/registry".formatted(project)).status()).isEqualTo(200);

        RawHttp.Answer listed = http.get("/v1/projects/%s/api-keys".formatted(project));
        RawHttp.Answer revoked = http.send("DELETE", "/v1/projects/%s/api-keys/%s".formatted(project, keyId), null, null);

        assertThat(created.at("principal")).isEqualTo("key:" + keyId);
        assertThat(listed.body()).contains(keyId).doesNotContain(key).doesNotContain("secret_sha256");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.at("revoked")).isEqualTo(true);
        assertProblem(pipeline.get("/v1/projects/%s/registry".formatted(project)), 401, "UNAUTHORIZED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> audit = (List<Map<String, Object>>) http.get("/v1/projects/%s/access-audit".formatted(project)).at("entries");
        assertThat(audit.get(0)).containsEntry("action", "key_revoked").containsEntry("subject", keyId).containsEntry("actor", ADMIN_PRINCIPAL);
        assertThat(audit).anySatisfy(entry -> assertThat(entry).containsEntry("action", "key_created").containsEntry("subject", keyId));
    }

    @Test
    void aProjectAdminCannotGrantInAnotherProjectOrEverywhere() {
        RawHttp projectAdmin = callers.get("admin");

        assertProblem(projectAdmin.send("POST", "/v1/projects/%s/role-bindings".formatted(other), "application/json",
                "{\"principal\": \"user:mallory\", \"role\": \"admin\"}"), 403, "FORBIDDEN");
        assertProblem(projectAdmin.send("POST", "/v1/role-bindings", "application/json",
                "{\"principal\": \"user:mallory\", \"role\": \"admin\"}"), 403, "FORBIDDEN");
        assertProblem(projectAdmin.send("POST", "/v1/api-keys", "application/json", "{\"name\": \"x\", \"roles\": [\"admin\"]}"), 403, "FORBIDDEN");
    }

    @Test
    void badBindingsAndKeysAreRefusedNamingTheField() {
        Map<String, Object> principal = assertProblem(http.send("POST", "/v1/projects/%s/role-bindings".formatted(project), "application/json",
                "{\"principal\": \"root\", \"role\": \"viewer\"}"), 400, "VALIDATION_FAILED");
        Map<String, Object> role = assertProblem(http.send("POST", "/v1/projects/%s/role-bindings".formatted(project), "application/json",
                "{\"principal\": \"user:bob\", \"role\": \"superuser\"}"), 400, "VALIDATION_FAILED");
        Map<String, Object> name = assertProblem(http.send("POST", "/v1/projects/%s/api-keys".formatted(project), "application/json",
                "{\"name\": \"%s\", \"roles\": [\"viewer\"]}".formatted("n".repeat(5000))), 400, "VALIDATION_FAILED");
        Map<String, Object> expiry = assertProblem(http.send("POST", "/v1/projects/%s/api-keys".formatted(project), "application/json",
                "{\"name\": \"old\", \"roles\": [\"viewer\"], \"expires_at\": \"2001-01-01T00:00:00Z\"}"), 400, "VALIDATION_FAILED");

        assertThat(principal.get("errors").toString()).contains("principal");
        assertThat(role.get("errors").toString()).contains("role");
        assertThat(name.get("errors").toString()).contains("name");
        assertThat(name.toString().length()).isLessThan(2000);
        assertThat(expiry.get("errors").toString()).contains("expires_at");
    }

    @Test
    void aBoundUserPrincipalNeedsItsBindingAndADeletedProjectGrantsNothingWhenCreatedAgain() {
        String doomed = newProject();
        assertThat(apply(doomed, "", Documents.designExample()).status()).isEqualTo(200);
        RawHttp.Answer created = http.send("POST", "/v1/projects/%s/api-keys".formatted(doomed), "application/json",
                "{\"name\": \"reader\", \"roles\": [\"viewer\"]}");
        RawHttp reader = http.as((String) created.at("key"));
        assertThat(reader.get("/v1/projects/%s/registry".formatted(doomed)).status()).isEqualTo(200);

        assertThat(http.send("DELETE", "/v1/projects/%s?cascade=true".formatted(doomed), null, null).status()).isEqualTo(200);
        assertThat(apply(doomed, "", Documents.designExample()).status()).isEqualTo(200);

        assertProblem(reader.get("/v1/projects/%s/registry".formatted(doomed)), 401, "UNAUTHORIZED");
        assertThat(http.get("/v1/projects/%s/role-bindings".formatted(doomed)).at("role_bindings")).isEqualTo(List.of());
    }
}
