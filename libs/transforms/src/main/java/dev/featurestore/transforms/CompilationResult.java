package dev.featurestore.transforms;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of compiling an on-demand feature view: the compiled view, or every error of every
 * expression (never both, never neither).
 */
public final class CompilationResult {
    private final String viewName;
    private final CompiledOnDemandView compiledView;
    private final List<ExpressionError> errors;

    private CompilationResult(String viewName, CompiledOnDemandView compiledView, List<ExpressionError> errors) {
        this.viewName = requireNonNull(viewName, "viewName is null");
        this.compiledView = compiledView;
        this.errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    public static CompilationResult success(CompiledOnDemandView compiledView) {
        requireNonNull(compiledView, "compiledView is null");
        return new CompilationResult(compiledView.name(), compiledView, List.of());
    }

    public static CompilationResult failure(String viewName, List<ExpressionError> errors) {
        if (requireNonNull(errors, "errors is null").isEmpty()) {
            throw new IllegalArgumentException("a failed compilation needs at least one error");
        }
        return new CompilationResult(viewName, null, errors);
    }

    public String viewName() {
        return viewName;
    }

    public boolean succeeded() {
        return compiledView != null;
    }

    /**
     * Every error found, in schema order of the features (empty when the view compiled).
     *
     * @return the errors
     */
    public List<ExpressionError> errors() {
        return errors;
    }

    public Optional<CompiledOnDemandView> compiledView() {
        return Optional.ofNullable(compiledView);
    }

    /**
     * The compiled view, for callers that only hold views the registry accepted.
     *
     * @return the compiled view
     * @throws IllegalStateException naming the view and its errors when compilation failed
     */
    public CompiledOnDemandView compiledViewOrThrow() {
        if (compiledView == null) {
            throw new IllegalStateException("on-demand feature view '%s' does not compile: %s".formatted(
                    viewName, errors.stream().map(ExpressionError::describe).collect(Collectors.joining("; "))));
        }
        return compiledView;
    }

    @Override
    public String toString() {
        return succeeded() ? "CompilationResult[%s: compiled]".formatted(viewName) : "CompilationResult[%s: %s]".formatted(viewName, errors);
    }
}
