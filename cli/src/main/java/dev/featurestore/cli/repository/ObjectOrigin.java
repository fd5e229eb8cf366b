package dev.featurestore.cli.repository;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where one object of the merged definition document was written.
 *
 * @param section its list ({@code feature_views})
 * @param index its index in the merged list, as the registry counts ({@code feature_views[3]})
 * @param file its file, relative to the repository ({@code driver_features.yaml})
 * @param localIndex its index in that file's document ({@code feature_views[0]})
 * @param name its {@code name}, when it has one
 * @param node its YAML node, with the line of every value
 */
public record ObjectOrigin(String section, int index, String file, int localIndex, Optional<String> name, Node node) {
    public ObjectOrigin {
        requireNonNull(section, "section is null");
        requireNonNull(file, "file is null");
        requireNonNull(name, "name is null");
        requireNonNull(node, "node is null");
    }

    /** Its line, counted from 1. */
    public int line() {
        return node.getStartMark().getLine() + 1;
    }
}
