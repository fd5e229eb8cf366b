package dev.featurestore.registryclient;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the registry for the other services: each project's snapshot is fetched once, cached,
 * resolved ({@link ProjectRegistry}) and answered from memory; it is refreshed when a change event
 * names a newer {@code registry_version} ({@link #onRegistryChange}) and by a slow poll.
 *
 * <p>A named lookup that misses (unknown view, feature, service or source) re-fetches the project's
 * snapshot once before answering unknown, so a read right after an apply sees it. Every lookup
 * answers immutable values resolved against a single registry version.
 */
public interface RegistryClient extends AutoCloseable {
    /**
     * The cached registry of a project, fetched on first use. Never re-fetches a cached project.
     *
     * @param project the project
     * @return the project's registry
     * @throws RegistryLookupException {@link RegistryLookupException.Reason#UNKNOWN_PROJECT} when the
     *         registry has no such project
     * @throws RegistryUnavailableException when the project is not cached and the registry cannot be asked
     */
    ProjectRegistry registry(String project);

    /**
     * Runs a lookup against the cached registry of a project; when it throws a
     * {@link RegistryLookupException} (other than a malformed reference), re-fetches the project's
     * snapshot once and runs it again, and that answer stands.
     *
     * @param project the project
     * @param lookup the lookup, such as {@code registry -> registry.featureView("driver_hourly")}
     * @return what the lookup answers
     */
    <T> T lookup(String project, Function<ProjectRegistry, T> lookup);

    /**
     * Whether the cached snapshot must be replaced: the registry says the project is at
     * {@code registryVersion}. Re-fetches when that is newer than the cached version; ignores an
     * older or equal one, and a project nothing has asked for yet. Never throws: a failed fetch is
     * logged and left to the next event, lookup miss or poll.
     *
     * @param project the project of the change
     * @param registryVersion the project's {@code registry_version} after the change
     */
    void onRegistryChange(String project, long registryVersion);

    /**
     * The cached registry of a project, without asking the registry.
     *
     * @param project the project
     * @return the cached registry, empty when the project is not cached
     */
    Optional<ProjectRegistry> cached(String project);

    /**
     * A feature view or an on-demand feature view (with the miss rule).
     *
     * @param project the project
     * @param name the view's name
     * @return the view
     */
    default ResolvedView view(String project, String name) {
        requireNonNull(name, "name is null");
        return lookup(project, registry -> registry.view(name));
    }

    /**
     * A feature view (with the miss rule).
     *
     * @param project the project
     * @param name the view's name
     * @return the view with its entities, source and offline source
     */
    default ResolvedFeatureView featureView(String project, String name) {
        requireNonNull(name, "name is null");
        return lookup(project, registry -> registry.featureView(name));
    }

    /**
     * An on-demand feature view (with the miss rule).
     *
     * @param project the project
     * @param name the view's name
     * @return the view with its expressions and sources
     */
    default ResolvedOnDemandView onDemandFeatureView(String project, String name) {
        requireNonNull(name, "name is null");
        return lookup(project, registry -> registry.onDemandFeatureView(name));
    }

    /**
     * Feature references {@code view:feature}, in order (with the miss rule). A malformed
     * reference fails at once, without asking the registry.
     *
     * @param project the project
     * @param references the references
     * @return the resolved features
     */
    default ResolvedFeatures resolveFeatures(String project, List<String> references) {
        List<String> copy = List.copyOf(requireNonNull(references, "references is null"));
        copy.forEach(FeatureReference::parse);
        return lookup(project, registry -> registry.resolveFeatures(copy));
    }

    /**
     * The features of a feature service (with the miss rule).
     *
     * @param project the project
     * @param name the service's name
     * @return the resolved features, in the service's order
     */
    default ResolvedFeatures featureService(String project, String name) {
        requireNonNull(name, "name is null");
        return lookup(project, registry -> registry.featureService(name));
    }

    /**
     * A data source (with the miss rule).
     *
     * @param project the project
     * @param name the source's name
     * @return the source
     */
    default DataSource dataSource(String project, String name) {
        requireNonNull(name, "name is null");
        return lookup(project, registry -> registry.dataSource(name));
    }

    /**
     * Stops the poll. Lookups after close still answer from the cache and fetch on a miss.
     */
    @Override
    void close();
}
