package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureServiceItem;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.PushSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which objects read which, transitively: sources -> views -> on-demand views -> feature
 * services. An edge is named for the field of the reader that names what it reads: a view's
 * {@code source} and {@code entity} (one per entity), a push or kafka source's
 * {@code batch_source}, an on-demand view's {@code source} (a view, an on-demand view or a request
 * source), a feature service's {@code feature_view} (an item's view or on-demand view). Names
 * resolve as the validator resolves them.
 */
public final class Lineage {
    public static final String SOURCE = "source";
    public static final String ENTITY = "entity";
    public static final String BATCH_SOURCE = "batch_source";
    public static final String FEATURE_VIEW = "feature_view";

    private static final List<ObjectKind> VIEW_KINDS = List.of(ObjectKind.FEATURE_VIEW, ObjectKind.ON_DEMAND_FEATURE_VIEW);
    private static final List<ObjectKind> ON_DEMAND_SOURCE_KINDS = List.of(ObjectKind.FEATURE_VIEW, ObjectKind.ON_DEMAND_FEATURE_VIEW,
            ObjectKind.DATA_SOURCE);

    private Lineage() {
    }

    /**
     * The lineage of one object among the objects of its project.
     *
     * @param target the object
     * @param objects every current object of the project
     * @return its upstream (what it reads, and what that reads, ...) and downstream (what reads it, ...)
     */
    public static Result of(DefinitionObject target, List<DefinitionObject> objects) {
        requireNonNull(target, "target is null");
        requireNonNull(objects, "objects is null");
        List<Edge> edges = edges(objects);
        Map<DefinitionObject, List<Edge>> byReader = new HashMap<>();
        Map<DefinitionObject, List<Edge>> byRead = new HashMap<>();
        for (Edge edge : edges) {
            byReader.computeIfAbsent(edge.reader(), key -> new ArrayList<>()).add(edge);
            byRead.computeIfAbsent(edge.read(), key -> new ArrayList<>()).add(edge);
        }
        return new Result(target, walk(target, byReader, true), walk(target, byRead, false));
    }

    /** Every edge among the objects: who reads what, as which field. */
    static List<Edge> edges(List<DefinitionObject> objects) {
        List<Edge> edges = new ArrayList<>();
        for (DefinitionObject object : objects) {
            switch (object.kind()) {
                case FEATURE_VIEW -> {
                    FeatureView view = (FeatureView) object.definition();
                    named(objects, List.of(ObjectKind.DATA_SOURCE), view.source()).forEach(read -> edges.add(new Edge(object, SOURCE, read)));
                    view.entities().forEach(entity -> named(objects, List.of(ObjectKind.ENTITY), entity)
                            .forEach(read -> edges.add(new Edge(object, ENTITY, read))));
                }
                case DATA_SOURCE -> {
                    DataSource source = (DataSource) object.definition();
                    String batchSource = source instanceof PushSource push ? push.batchSource()
                            : source instanceof KafkaSource kafka ? kafka.batchSource() : null;
                    if (batchSource != null) {
                        named(objects, List.of(ObjectKind.DATA_SOURCE), batchSource).forEach(read -> edges.add(new Edge(object, BATCH_SOURCE, read)));
                    }
                }
                case ON_DEMAND_FEATURE_VIEW -> ((OnDemandFeatureView) object.definition()).sources().forEach(name ->
                        named(objects, ON_DEMAND_SOURCE_KINDS, name).forEach(read -> edges.add(new Edge(object, SOURCE, read))));
                case FEATURE_SERVICE -> ((FeatureService) object.definition()).features().stream()
                        .map(FeatureServiceItem::featureView)
                        .distinct()
                        .forEach(name -> named(objects, VIEW_KINDS, name).forEach(read -> edges.add(new Edge(object, FEATURE_VIEW, read))));
                case ENTITY, PROJECT -> {
                    // reads nothing
                }
            }
        }
        return List.copyOf(edges);
    }

    private static List<DefinitionObject> named(List<DefinitionObject> objects, List<ObjectKind> kinds, String name) {
        return objects.stream().filter(object -> kinds.contains(object.kind()) && object.name().equals(name)).toList();
    }

    /**
     * Breadth first from the target: each object reached is expanded once, each edge on the way
     * is listed once, with the depth of its far end (1 for the target's own edges).
     */
    private static List<Step> walk(DefinitionObject target, Map<DefinitionObject, List<Edge>> adjacent, boolean upstream) {
        List<Step> steps = new ArrayList<>();
        Set<DefinitionObject> seen = new LinkedHashSet<>(List.of(target));
        Deque<DefinitionObject> frontier = new ArrayDeque<>(List.of(target));
        int depth = 0;
        while (!frontier.isEmpty()) {
            depth++;
            List<Step> level = new ArrayList<>();
            Deque<DefinitionObject> next = new ArrayDeque<>();
            for (DefinitionObject near : frontier) {
                for (Edge edge : adjacent.getOrDefault(near, List.of())) {
                    DefinitionObject far = upstream ? edge.read() : edge.reader();
                    level.add(new Step(far, edge.name(), near, depth));
                    if (seen.add(far)) {
                        next.add(far);
                    }
                }
            }
            level.sort(Comparator.<Step>comparingInt(step -> DefinitionObjects.KINDS.indexOf(step.object().kind()))
                    .thenComparing(step -> step.object().name())
                    .thenComparing(Step::edge)
                    .thenComparing(step -> DefinitionObjects.KINDS.indexOf(step.neighbour().kind()))
                    .thenComparing(step -> step.neighbour().name()));
            steps.addAll(level);
            frontier = next;
        }
        return List.copyOf(steps);
    }

    /** {@code reader} names {@code read} in its field {@code name}. */
    record Edge(DefinitionObject reader, String name, DefinitionObject read) {
        Edge {
            requireNonNull(reader, "reader is null");
            requireNonNull(name, "name is null");
            requireNonNull(read, "read is null");
        }
    }

    /**
     * One edge of a lineage, seen from the object asked about.
     *
     * @param object the object at the far end (upstream: read by {@code neighbour}; downstream: reading it)
     * @param edge the field of the reader naming what it reads
     * @param neighbour the object at the near end, nearer the object asked about (or that object)
     * @param depth 1 for the edges of the object asked about, 2 for those of its neighbours, ...
     */
    public record Step(DefinitionObject object, String edge, DefinitionObject neighbour, int depth) {
        public Step {
            requireNonNull(object, "object is null");
            requireNonNull(edge, "edge is null");
            requireNonNull(neighbour, "neighbour is null");
        }
    }

    /** The lineage of {@code object}: steps by depth, then kind, name and edge. */
    public record Result(DefinitionObject object, List<Step> upstream, List<Step> downstream) {
        public Result {
            requireNonNull(object, "object is null");
            upstream = List.copyOf(requireNonNull(upstream, "upstream is null"));
            downstream = List.copyOf(requireNonNull(downstream, "downstream is null"));
        }
    }
}
