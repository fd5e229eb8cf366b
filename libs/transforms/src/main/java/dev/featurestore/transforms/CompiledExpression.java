package dev.featurestore.transforms;

import dev.cel.runtime.CelRuntime;
import dev.featurestore.contracts.definition.Field;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One feature's checked expression and its CEL program (immutable, thread-safe).
 *
 * @param field     the feature
 * @param source    the expression text, for positions in runtime errors
 * @param program   the CEL program
 * @param variables the source fields the expression reads, in first-use order
 */
record CompiledExpression(Field field, String source, CelRuntime.Program program, List<Variable> variables) {
    CompiledExpression {
        requireNonNull(field, "field is null");
        requireNonNull(source, "source is null");
        requireNonNull(program, "program is null");
        variables = List.copyOf(requireNonNull(variables, "variables is null"));
    }
}
