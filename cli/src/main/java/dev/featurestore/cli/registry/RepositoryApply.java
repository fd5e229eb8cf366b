package dev.featurestore.cli.registry;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.http.Problem;
import dev.featurestore.cli.http.ServiceClient;
import dev.featurestore.cli.http.ServiceException;
import dev.featurestore.cli.http.ServiceResponse;
import dev.featurestore.cli.repository.RepositoryDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans and applies a feature repository through the registry's {@code POST /v1/projects/{p}/apply}
 * ({@code application/yaml}, the repository's files as one stream). The plan always names the breaking changes: a
 * dry run without {@code allow_breaking} answers them (409 {@code BREAKING_CHANGE}), then one with it answers the
 * whole plan. The apply is sent with the plan's {@code expected_registry_version}, so what is applied is what was shown.
 */
public final class RepositoryApply {
    public static final String BREAKING_CHANGE = "BREAKING_CHANGE";

    private final ServiceClient registry;
    private final String project;
    private final RepositoryDocument document;
    private final boolean prune;

    public RepositoryApply(ServiceClient registry, String project, RepositoryDocument document, boolean prune) {
        this.registry = requireNonNull(registry, "registry is null");
        this.project = requireNonNull(project, "project is null");
        this.document = requireNonNull(document, "document is null");
        this.prune = prune;
    }

    /** The plan: what an apply would change, and which of it is breaking. Writes nothing. */
    public Plan plan() {
        ServiceResponse strict = send(true, false, null);
        if (strict.isSuccess()) {
            return Plan.of(project, strict.json(), List.of());
        }
        Problem problem = strict.problem();
        if (strict.status() != 409 || !problem.code().equals(BREAKING_CHANGE)) {
            throw located(problem);
        }
        List<Plan.BreakingChange> breaking = problem.errors().stream().map(error -> new Plan.BreakingChange(error.path(), error.message())).toList();
        ServiceResponse allowed = send(true, true, null);
        if (!allowed.isSuccess()) {
            throw located(allowed.problem());
        }
        return Plan.of(project, allowed.json(), breaking);
    }

    /** Applies the plan (made by {@link #plan()} just before); the registry refuses it if the project changed since. */
    public Plan apply(Plan plan, boolean allowBreaking) {
        ServiceResponse response = send(false, allowBreaking, plan.registryVersion());
        if (!response.isSuccess()) {
            throw located(response.problem());
        }
        return Plan.of(project, response.json(), plan.breaking());
    }

    private ServiceResponse send(boolean dryRun, boolean allowBreaking, Long expectedRegistryVersion) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("dry_run", dryRun);
        parameters.put("allow_breaking", allowBreaking);
        parameters.put("prune", prune);
        parameters.put("expected_registry_version", expectedRegistryVersion);
        return registry.post("/v1/projects/%s/apply%s".formatted(ServiceClient.encode(project), ServiceClient.query(parameters)),
                "application/yaml", document.stream());
    }

    /** The problem, with each field error shown at its file and line where the repository has it. */
    private ServiceException located(Problem problem) {
        List<String> details = problem.errors().stream().map(error -> document.describe(error.path(), error.message())).toList();
        return new ServiceException(registry.name(), problem, details);
    }
}
