package dev.featurestore.transforms;

import dev.cel.runtime.CelEvaluationException;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.OnDemandFeatureView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An on-demand feature view whose expressions compiled: evaluates one row at a time, the same
 * way for serving and for historical retrieval. Immutable and thread-safe.
 * <p>
 * Null rule (docs/point-in-time.md): a feature is null, without an error, when any source field its
 * expression refers to is null or absent in the row (a list with a null element counts as null),
 * whichever branch a conditional would take. A runtime error on a row (division by zero,
 * overflow, index out of range, an input of the wrong Java type, a result outside an INT32 or
 * FLOAT32 range) makes that feature null and is returned in {@link EvaluationResult#errors()};
 * the other features of the row are still computed. {@code evaluate} never throws for data.
 */
public final class CompiledOnDemandView {
    private static final Pattern RUNTIME_POSITION = Pattern.compile("^evaluation error at <input>:(\\d+): ");

    private final OnDemandFeatureView view;
    private final List<CompiledExpression> expressions;
    private final Map<String, Set<String>> referencedFields;

    CompiledOnDemandView(OnDemandFeatureView view, List<CompiledExpression> expressions) {
        this.view = requireNonNull(view, "view is null");
        this.expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
        Map<String, Set<String>> referenced = new LinkedHashMap<>();
        for (CompiledExpression expression : this.expressions) {
            for (Variable variable : expression.variables()) {
                referenced.computeIfAbsent(variable.source(), source -> new LinkedHashSet<>()).add(variable.field());
            }
        }
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        referenced.forEach((source, fields) -> copy.put(source, Collections.unmodifiableSet(fields)));
        this.referencedFields = Collections.unmodifiableMap(copy);
    }

    public String name() {
        return view.name();
    }

    /**
     * The definition this was compiled from.
     *
     * @return the view
     */
    public OnDemandFeatureView view() {
        return view;
    }

    public List<Field> schema() {
        return view.schema();
    }

    public List<String> featureNames() {
        return view.featureNames();
    }

    /**
     * What a row must carry: source -> the fields any expression reads, in order of first use.
     * A source the view lists but no expression reads is absent.
     *
     * @return unmodifiable map of unmodifiable sets
     */
    public Map<String, Set<String>> referencedFields() {
        return referencedFields;
    }

    /**
     * Computes every feature of one row.
     *
     * @param inputs source name -> field name -> Java value (Long/Integer, Double/Float, String,
     *               Boolean, byte[], Instant for UNIX_TIMESTAMP, List for a list type); missing
     *               sources or fields and null values are allowed (the null rule)
     * @return feature -> value in schema order, as the dtype's Java type, plus this row's errors
     */
    public EvaluationResult evaluate(Map<String, Map<String, Object>> inputs) {
        requireNonNull(inputs, "inputs is null");
        Map<String, Object> values = new LinkedHashMap<>();
        List<ExpressionError> errors = new ArrayList<>(0);
        Map<Variable, Object> converted = new HashMap<>();
        for (CompiledExpression expression : expressions) {
            String feature = expression.field().name();
            Object value = null;
            try {
                Map<String, Object> activation = activation(expression, inputs, converted);
                if (activation != null) {
                    value = ValueTypes.fromCel(expression.program().eval(activation), expression.field().dtype());
                }
            } catch (CelEvaluationException e) {
                errors.add(new ExpressionError(feature, runtimeMessage(e, expression.source())));
            } catch (RuntimeException e) {
                // A wrong input type, a result out of the dtype's range, or CEL failing on odd data.
                errors.add(new ExpressionError(feature, String.valueOf(e.getMessage())));
            }
            values.put(feature, value);
        }
        return new EvaluationResult(values, errors);
    }

    /**
     * The CEL variables of one expression for this row.
     *
     * @return null when a variable the expression reads is null (the null rule)
     */
    private static Map<String, Object> activation(
            CompiledExpression expression, Map<String, Map<String, Object>> inputs, Map<Variable, Object> converted) {
        Map<String, Object> activation = new HashMap<>(expression.variables().size() * 2);
        for (Variable variable : expression.variables()) {
            Object value = converted.get(variable);
            if (value == null) {
                value = convert(variable, inputs);
                converted.put(variable, value);
            }
            if (value == Absent.NULL) {
                return null;
            }
            if (value instanceof InvalidInput invalid) {
                throw new IllegalArgumentException(invalid.message());
            }
            activation.put(variable.qualifiedName(), value);
        }
        return activation;
    }

    private static Object convert(Variable variable, Map<String, Map<String, Object>> inputs) {
        try {
            Object value = ValueTypes.toCel(variable.lookup(inputs), variable.dtype());
            return value == null ? Absent.NULL : value;
        } catch (IllegalArgumentException e) {
            return new InvalidInput("%s: %s".formatted(variable.qualifiedName(), e.getMessage()));
        }
    }

    private static String runtimeMessage(CelEvaluationException e, String expression) {
        String message = String.valueOf(e.getMessage());
        Matcher matcher = RUNTIME_POSITION.matcher(message);
        if (matcher.find()) {
            return message.substring(matcher.end()) + Positions.atOffset(expression, Integer.parseInt(matcher.group(1)));
        }
        return message;
    }

    @Override
    public String toString() {
        return "CompiledOnDemandView[%s: %s]".formatted(view.name(), featureNames());
    }

    /** A row's null value, remembered per variable so it is looked up once per row. */
    private enum Absent {
        NULL
    }

    /** An input value of the wrong Java type, remembered so every feature reading it reports it. */
    private record InvalidInput(String message) {
    }
}
