package dev.featurestore.cli.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an apply of the repository does (or did): the registry's plan, and the changes it judged breaking.
 *
 * @param registryVersion the project's version before (dry run) or after (apply)
 * @param breaking the breaking changes, as the registry names them; an apply without {@code allow_breaking} refuses them
 */
public record Plan(String project, long registryVersion, boolean dryRun, List<Change> changes, List<BreakingChange> breaking) {
    public Plan {
        requireNonNull(project, "project is null");
        changes = List.copyOf(changes);
        breaking = List.copyOf(breaking);
    }

    /** One object: {@code kind} is singular ({@code feature_view}), {@code action} create, update, delete or unchanged. */
    public record Change(String kind, String name, String action, List<String> diffs) {
        public Change {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
            requireNonNull(action, "action is null");
            diffs = List.copyOf(diffs);
        }

        /** Its section of the document ({@code feature_views}), which starts the registry's name paths. */
        public String section() {
            return Sections.plural(kind);
        }
    }

    /** A breaking change: a path such as {@code feature_views.driver_hourly.schema.trips_today.dtype} and what changed there. */
    public record BreakingChange(String path, String message) {
        public BreakingChange {
            requireNonNull(path, "path is null");
            requireNonNull(message, "message is null");
        }

        /** Whether it is about that object. */
        public boolean concerns(Change change) {
            String prefix = change.section() + "." + change.name();
            return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
        }
    }

    /** The registry's answer ({@code {"registry_version", "dry_run", "changes"}}). */
    public static Plan of(String project, JsonNode answer, List<BreakingChange> breaking) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode change : answer.path("changes")) {
            List<String> diffs = new ArrayList<>();
            change.path("diffs").forEach(diff -> diffs.add(diff.asText()));
            changes.add(new Change(change.path("kind").asText(), change.path("name").asText(), change.path("action").asText(), diffs));
        }
        return new Plan(project, answer.path("registry_version").asLong(), answer.path("dry_run").asBoolean(), changes, breaking);
    }

    public long count(String action) {
        return changes.stream().filter(change -> change.action().equals(action)).count();
    }

    /** Whether applying it changes anything. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(change -> !change.action().equals("unchanged"));
    }

    public boolean isBreaking(Change change) {
        return breaking.stream().anyMatch(breakingChange -> breakingChange.concerns(change));
    }
}
