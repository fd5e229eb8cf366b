package dev.featurestore.monitoring.domain.freshness;

import dev.featurestore.contracts.events.FreshnessError;
import dev.featurestore.contracts.events.FreshnessRun;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What monitoring keeps of each feature view's freshness. The writes run in the caller's transaction; {@link #lock}
 * holds the view's row until it ends, so one view is evaluated by one transaction at a time on any number of instances.
 */
public interface FreshnessStore {
    /** Adds the view, not defined yet and {@code unknown}, unless it is there. */
    void ensure(String project, String featureView, Instant now);

    /** The view, locked until the transaction ends. */
    Optional<ViewFreshness> lock(String project, String featureView);

    Optional<ViewFreshness> find(String project, String featureView);

    /** Every view the registry has, of one project or (empty) of all, by project and name. */
    List<ViewFreshness> defined(Optional<String> project);

    /**
     * Views to look at on each check: the registry's online views (evaluated, or gauged: their staleness metric
     * follows them), and those not {@code unknown} yet (to recover or go back to {@code unknown}).
     */
    List<ViewKey> toEvaluate();

    /** Views of a project the registry had (the ones a registry change may have deleted). */
    List<String> definedNames(String project);

    /** The registry has the view, with these settings. */
    void define(String project, String featureView, boolean online, @Nullable Duration freshnessSla, @Nullable Duration materializationInterval);

    /** The registry no longer has the view. */
    void undefine(String project, String featureView);

    /** A successful run: kept as the last run when it completed after the one kept; max event timestamp only grows. */
    void recordSuccess(String project, String featureView, FreshnessRun run);

    /** A failed run: kept as the last failure when it failed after the one kept. */
    void recordFailure(String project, String featureView, FreshnessError error);

    /**
     * Forgets the views of a deleted project that monitoring first heard of before it was deleted (the state, runs and
     * failures kept of them), so a project created again under its name starts clean.
     *
     * @return how many views were forgotten
     */
    int deleteProject(String project, Instant deletedAt);

    /** The view's new state. */
    void changeState(String project, String featureView, FreshnessState state, Instant since, @Nullable String reason);

    /** A view of a project. */
    record ViewKey(String project, String featureView) {
    }
}
