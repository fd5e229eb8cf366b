package dev.featurestore.cli.command;

import dev.featurestore.cli.registry.Plan;
import dev.featurestore.cli.repository.RepositoryDocument;
import dev.featurestore.cli.repository.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plan as the one JSON document of {@code --output json}: the registry's answer, the breaking changes located, the counts. */
final class PlanOutput {
    private PlanOutput() {
    }

    static Map<String, Object> json(Plan plan, RepositoryDocument document, boolean applied) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project", plan.project());
        result.put("registry_version", plan.registryVersion());
        result.put("dry_run", !applied);
        result.put("applied", applied && plan.hasChanges());
        result.put("has_changes", plan.hasChanges());
        Map<String, Long> summary = new LinkedHashMap<>();
        for (String action : List.of("create", "update", "delete", "unchanged")) {
            summary.put(action, plan.count(action));
        }
        result.put("summary", summary);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Plan.Change change : plan.changes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", change.kind());
            entry.put("name", change.name());
            entry.put("action", change.action());
            entry.put("breaking", plan.isBreaking(change));
            entry.put("diffs", change.diffs());
            changes.add(entry);
        }
        result.put("changes", changes);
        List<Map<String, Object>> breaking = new ArrayList<>();
        for (Plan.BreakingChange change : plan.breaking()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", change.path());
            entry.put("message", change.message());
            Optional<SourceLocation> location = document.locate(change.path());
            entry.put("file", location.map(SourceLocation::file).orElse(null));
            entry.put("line", location.map(SourceLocation::line).orElse(null));
            breaking.add(entry);
        }
        result.put("breaking_changes", breaking);
        return result;
    }
}
