package dev.featurestore.materialization.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.materialization.domain.run.RunWindow;
import dev.featurestore.materialization.domain.run.Runs;
import dev.featurestore.materialization.domain.run.Trigger;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.RegistryUnavailableException;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Queues runs: one per feature view, checked against the registry first (all or nothing). A run of a view that is
 * being materialized waits for that run to end ({@link RunRunner} takes the view's lease).
 */
@Singleton
public class Materializations {
    private final RegistryClient registry;
    private final Runs runs;
    private final RunRunner runner;

    public Materializations(RegistryClient registry, Runs runs, RunRunner runner) {
        this.registry = requireNonNull(registry, "registry is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    /**
     * A queued run.
     *
     * @param id the run's id
     * @param featureView its view
     */
    public record Queued(UUID id, String featureView) {
    }

    /**
     * Queues one run per view.
     *
     * @param featureViews the views; empty for every online view of the project
     * @throws FeatureStoreException 404 naming an unknown project or each unknown view, 400 naming each view not served
     *     online or when the project has no online view, 503 when the registry cannot be reached; nothing is queued
     */
    public List<Queued> submit(String project, List<String> featureViews, RunWindow window, Trigger trigger) {
        requireNonNull(window, "window is null");
        List<ResolvedFeatureView> views = resolve(project, featureViews);
        List<Runs.NewRun> created = new ArrayList<>(views.size());
        for (ResolvedFeatureView view : views) {
            created.add(new Runs.NewRun(UUID.randomUUID(), project, view.name(), trigger, window));
        }
        runs.create(created);
        runner.wake();
        return created.stream().map(run -> new Queued(run.id(), run.featureView())).toList();
    }

    private List<ResolvedFeatureView> resolve(String project, List<String> names) {
        ProjectRegistry projectRegistry;
        try {
            projectRegistry = registry.registry(project);
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.NOT_FOUND, e.getMessage(), List.of(new FieldError("project", e.getMessage())), e);
        } catch (RegistryUnavailableException e) {
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The registry cannot be reached: %s".formatted(e.getMessage()), e);
        }
        if (names.isEmpty()) {
            List<ResolvedFeatureView> online = projectRegistry.featureViews().stream().filter(ResolvedFeatureView::online).toList();
            if (online.isEmpty()) {
                throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Project '%s' has no feature view served online".formatted(project),
                        List.of(new FieldError("feature_views", "project '%s' has no online feature view to materialize".formatted(project))));
            }
            return online;
        }
        List<ResolvedFeatureView> views = new ArrayList<>();
        List<FieldError> unknown = new ArrayList<>();
        List<FieldError> offline = new ArrayList<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        for (int index = 0; index < distinct.size(); index++) {
            String name = distinct.get(index);
            String path = "feature_views[%d]".formatted(names.indexOf(name));
            ResolvedFeatureView view;
            try {
                view = registry.lookup(project, lookup -> lookup.featureView(name));
            } catch (RegistryLookupException e) {
                unknown.add(new FieldError(path, e.getMessage()));
                continue;
            }
            if (view.online()) {
                views.add(view);
            } else {
                offline.add(new FieldError(path, "feature view '%s' is not served online (online: false)".formatted(name)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.NOT_FOUND, "Unknown feature views: %s".formatted(messages(unknown)), unknown);
        }
        if (!offline.isEmpty()) {
            throw new FeatureStoreException(MaterializationErrorCode.VIEW_NOT_ONLINE, "Not served online: %s".formatted(messages(offline)), offline);
        }
        return views;
    }

    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::message).toList();
    }
}
