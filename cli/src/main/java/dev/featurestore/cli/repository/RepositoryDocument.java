package dev.featurestore.cli.repository;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A feature repository read as the registry takes it: its definition files concatenated, in path order, as one
 * multi-document YAML stream, with where each object was written so the registry's paths can be shown as file and line.
 *
 * @param stream what {@code POST /v1/projects/{p}/apply} is sent ({@code application/yaml})
 * @param files the definition files, relative to the repository, in stream order
 * @param objects every object, in the registry's merged order per section
 */
public record RepositoryDocument(String stream, List<String> files, List<ObjectOrigin> objects) {
    private static final Pattern INDEXED = Pattern.compile("^([a-z_]+)\\[(\\d+)](.*)$");
    private static final Pattern NAMED = Pattern.compile("^([a-z_]+)\\.([^.\\[]+)(.*)$");
    private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]");

    public RepositoryDocument {
        requireNonNull(stream, "stream is null");
        files = List.copyOf(files);
        objects = List.copyOf(objects);
    }

    /** The object of a section by its merged index ({@code feature_views[3]}). */
    public Optional<ObjectOrigin> object(String section, int index) {
        return objects.stream().filter(origin -> origin.section().equals(section) && origin.index() == index).findFirst();
    }

    /** The first object of a section with that name. */
    public Optional<ObjectOrigin> object(String section, String name) {
        return objects.stream().filter(origin -> origin.section().equals(section) && origin.name().equals(Optional.of(name))).findFirst();
    }

    /**
     * Where a path of the registry's answers was written: an index path of the merged document
     * ({@code feature_views[3].schema[1].dtype}) or a name path ({@code feature_views.driver_hourly.schema.trips_today.dtype}),
     * down to the deepest value the file has.
     */
    public Optional<SourceLocation> locate(String path) {
        Matcher indexed = INDEXED.matcher(path);
        if (indexed.matches()) {
            return object(indexed.group(1), Integer.parseInt(indexed.group(2)))
                    .map(origin -> walk(origin, indexed.group(3), "%s[%d]%s".formatted(origin.section(), origin.localIndex(), indexed.group(3))));
        }
        Matcher named = NAMED.matcher(path);
        if (named.matches()) {
            return object(named.group(1), named.group(2)).map(origin -> walk(origin, named.group(3), path));
        }
        return Optional.empty();
    }

    /** {@code file:line: path: message}, or the path and message as they are when the path is not in the files. */
    public String describe(String path, String message) {
        return locate(path)
                .map(location -> "%s: %s: %s".formatted(location.where(), location.path(), message))
                .orElse(path.isEmpty() ? message : "%s: %s".formatted(path, message));
    }

    private static SourceLocation walk(ObjectOrigin origin, String rest, String localPath) {
        Node current = origin.node();
        int line = origin.line();
        Matcher segment = SEGMENT.matcher(rest);
        while (segment.find()) {
            Node next = segment.group(1) != null ? child(current, segment.group(1)) : item(current, Integer.parseInt(segment.group(2)));
            if (next == null) {
                break;
            }
            current = next;
            line = current.getStartMark().getLine() + 1;
        }
        return new SourceLocation(origin.file(), line, localPath);
    }

    /** A mapping's value by key, or a list's item by its {@code name} (or {@code feature_view}). */
    private static Node child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                Node name = child(item instanceof MappingNode ? item : null, "name");
                Node view = child(item instanceof MappingNode ? item : null, "feature_view");
                if (name instanceof ScalarNode scalar && scalar.getValue().equals(key) || view instanceof ScalarNode other && other.getValue().equals(key)) {
                    return item;
                }
            }
        }
        return null;
    }

    private static Node item(Node node, int index) {
        if (node instanceof SequenceNode sequence && index < sequence.getValue().size()) {
            return sequence.getValue().get(index);
        }
        return null;
    }

    /** The objects of one section, in merged order. */
    public List<ObjectOrigin> section(String section) {
        List<ObjectOrigin> result = new ArrayList<>();
        for (ObjectOrigin origin : objects) {
            if (origin.section().equals(section)) {
                result.add(origin);
            }
        }
        return result;
    }
}
