package dev.featurestore.cli.registry;

import dev.featurestore.cli.CliException;
import java.util.List;
import java.util.Locale;

/** The kinds of definitions: singular in answers ({@code feature_view}), plural in documents and URLs ({@code feature_views}). */
public final class Sections {
    public static final List<String> KINDS = List.of("entity", "data_source", "feature_view", "on_demand_feature_view", "feature_service");

    private Sections() {
    }

    public static String plural(String kind) {
        return switch (kind) {
            case "entity" -> "entities";
            case "project" -> "projects";
            default -> kind + "s";
        };
    }

    /** A kind as a user writes it: singular or plural, with {@code -} or {@code _}, or a short form ({@code fv}, {@code odfv}). */
    public static String kind(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String kind = switch (normalized) {
            case "entity", "entities" -> "entity";
            case "data_source", "data_sources", "source", "sources" -> "data_source";
            case "feature_view", "feature_views", "view", "views", "fv" -> "feature_view";
            case "on_demand_feature_view", "on_demand_feature_views", "odfv" -> "on_demand_feature_view";
            case "feature_service", "feature_services", "service", "services", "fs" -> "feature_service";
            default -> null;
        };
        if (kind == null) {
            throw new CliException("'%s' is not a kind of definition (expected one of %s)".formatted(text, String.join(", ", KINDS)));
        }
        return kind;
    }
}
