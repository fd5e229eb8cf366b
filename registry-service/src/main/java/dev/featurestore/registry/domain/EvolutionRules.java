package dev.featurestore.registry.domain;

import dev.featurestore.contracts.definition.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evolution rules of docs/evolution.md: adding fields, tags and descriptions is compatible; removing or
 * renaming a field (of a schema, or a join key of an entity), changing a dtype, changing a view's
 * entities, or changing a source's timestamp field is breaking. A rename shows as a removal.
 */
public final class EvolutionRules {
    private EvolutionRules() {
    }

    /**
     * The breaking changes among the differences of an update.
     *
     * @param kind the kind of the updated object
     * @param name its name
     * @param diffs its differences ({@link ObjectDiffer})
     * @return each breaking change, in diff order
     */
    public static List<BreakingChange> breakingChanges(ObjectKind kind, String name, List<Diff> diffs) {
        List<BreakingChange> breaking = new ArrayList<>();
        String prefix = DefinitionObjects.section(kind) + "." + name + ".";
        for (Diff diff : diffs) {
            reason(kind, diff).ifPresent(reason -> breaking.add(new BreakingChange(prefix + diff.pathText(),
                    "%s -> %s: %s".formatted(Diff.render(last(diff), diff.oldValue()), Diff.render(last(diff), diff.newValue()), reason))));
        }
        return List.copyOf(breaking);
    }

    private static Optional<String> reason(ObjectKind kind, Diff diff) {
        List<String> path = diff.path();
        String first = path.get(0);
        boolean fieldList = first.equals("schema") || (kind == ObjectKind.ENTITY && first.equals("join_keys"));
        if (fieldList && path.size() == 2 && diff.isRemoval()) {
            return Optional.of(first.equals("schema")
                    ? "field '%s' removed or renamed (breaking)".formatted(path.get(1))
                    : "join key '%s' removed or renamed (breaking)".formatted(path.get(1)));
        }
        if (fieldList && path.size() == 3 && (path.get(2).equals("dtype") || path.get(2).equals("value_type"))) {
            return Optional.of("%s changed (breaking)".formatted(path.get(2)));
        }
        if (kind == ObjectKind.FEATURE_VIEW && path.size() == 1 && first.equals("entities")) {
            return Optional.of("entities changed (breaking)");
        }
        if (kind == ObjectKind.DATA_SOURCE && path.size() == 1 && first.equals("timestamp_field")) {
            return Optional.of("timestamp field changed (breaking)");
        }
        return Optional.empty();
    }

    private static String last(Diff diff) {
        return diff.path().get(diff.path().size() - 1);
    }
}
