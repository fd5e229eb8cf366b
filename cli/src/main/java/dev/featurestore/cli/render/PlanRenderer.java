package dev.featurestore.cli.render;

import dev.featurestore.cli.registry.Plan;
import dev.featurestore.cli.repository.RepositoryDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan as people read it: one line per object that changes ({@code +} create, {@code ~} update, {@code -} delete,
 * {@code !} breaking), its diffs under it, the breaking changes with the file and line they come from, and the counts.
 * Unchanged objects are only counted.
 */
public final class PlanRenderer {
    private PlanRenderer() {
    }

    /**
     * @param document the repository the plan is of, to show where breaking changes were written
     * @param applied whether the plan was applied (else it is a dry run)
     */
    public static List<String> render(Plan plan, RepositoryDocument document, boolean applied) {
        List<String> lines = new ArrayList<>();
        if (!plan.hasChanges()) {
            lines.add("No changes: project '%s' matches the repository (registry version %d, %d objects).".formatted(plan.project(),
                    plan.registryVersion(), plan.changes().size()));
            return lines;
        }
        lines.add(applied
                ? "Applied to project '%s' (registry version %d):".formatted(plan.project(), plan.registryVersion())
                : "Plan for project '%s' (registry version %d%s):".formatted(plan.project(), plan.registryVersion(),
                        plan.registryVersion() == 0 ? ", a new project" : ""));
        lines.add("");
        for (Plan.Change change : plan.changes()) {
            if (change.action().equals("unchanged")) {
                continue;
            }
            boolean breaking = plan.isBreaking(change);
            lines.add("  %s %-23s %s%s".formatted(symbol(change.action(), breaking), change.kind(), change.name(), breaking ? "   (breaking)" : ""));
            for (String diff : change.diffs()) {
                lines.add("        " + diff);
            }
        }
        if (!plan.breaking().isEmpty()) {
            lines.add("");
            lines.add(applied ? "Breaking changes (allowed by --allow-breaking):" : "Breaking changes (apply refuses them without --allow-breaking):");
            for (Plan.BreakingChange change : plan.breaking()) {
                lines.add("  ! " + (document == null ? "%s: %s".formatted(change.path(), change.message()) : document.describe(change.path(), change.message())));
            }
        }
        lines.add("");
        lines.add("%s%d to create, %d to update, %d to delete, %d unchanged.".formatted(applied ? "Done: " : "",
                plan.count("create"), plan.count("update"), plan.count("delete"), plan.count("unchanged")));
        return lines;
    }

    private static String symbol(String action, boolean breaking) {
        if (breaking) {
            return "!";
        }
        return switch (action) {
            case "create" -> "+";
            case "update" -> "~";
            case "delete" -> "-";
            default -> " ";
        };
    }
}
