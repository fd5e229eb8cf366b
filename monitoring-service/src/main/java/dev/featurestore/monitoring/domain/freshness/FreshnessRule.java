package dev.featurestore.monitoring.domain.freshness;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state a view should be in at a moment, from what is known of it. For an evaluated view (defined, online, with a
 * {@code freshness_sla}), in this order:
 * <ol>
 *   <li>staleness (now minus the greatest event timestamp materialized) above the SLA: {@code violated},
 *       reason {@code sla_exceeded};</li>
 *   <li>its last run failed (no success since) and the view cannot meet its SLA before the next scheduled run:
 *       {@code violated}, reason {@code materialization_failed}. The next scheduled run is expected one
 *       {@code materialization_interval} after the failure; the view cannot meet its SLA when nothing was ever
 *       materialized, or when its values go past the SLA (max event timestamp + SLA) before that. A view without a
 *       {@code materialization_interval} has no scheduled run: its failures count only through the first rule, or
 *       when nothing was ever materialized;</li>
 *   <li>nothing materialized yet: {@code violated}, reason {@code never_materialized}, once the SLA has passed since
 *       monitoring first heard of the view, {@code unknown} before;</li>
 *   <li>otherwise {@code ok}.</li>
 * </ol>
 * A view that is not evaluated is {@code unknown}.
 *
 * <p>{@link #transition} turns the verdict into a change of state and the event it publishes: entering
 * {@code violated} publishes {@code freshness.violated}; leaving it publishes {@code freshness.recovered} (reason
 * {@code fresh}, or {@code sla_removed} / {@code view_deleted} when the view stops being evaluated while violated);
 * {@code unknown -> ok} and {@code ok -> unknown} publish nothing; a violated view stays violated (with its first
 * reason) until it is {@code ok} or no longer evaluated.
 */
public final class FreshnessRule {
    private FreshnessRule() {
    }

    /**
     * @param state the state the view should be in
     * @param reason why, when {@code violated}
     */
    public record Verdict(FreshnessState state, @Nullable String reason) {
        public Verdict {
            requireNonNull(state, "state is null");
        }

        static final Verdict UNKNOWN = new Verdict(FreshnessState.UNKNOWN, null);
        static final Verdict OK = new Verdict(FreshnessState.OK, null);

        static Verdict violated(String reason) {
            return new Verdict(FreshnessState.VIOLATED, reason);
        }
    }

    /** What publishes with a change of state. */
    public enum Event {
        NONE,
        VIOLATED,
        RECOVERED
    }

    /**
     * A change of state.
     *
     * @param state the new state
     * @param reason why the view is violated (new state {@code violated}) or recovered (event {@code RECOVERED})
     * @param event the event the change publishes
     */
    public record Transition(FreshnessState state, @Nullable String reason, Event event) {
        public Transition {
            requireNonNull(state, "state is null");
            requireNonNull(event, "event is null");
        }
    }

    /**
     * @return the change the view's state should go through now, empty when it stays as it is
     */
    public static Optional<Transition> transition(ViewFreshness view, Instant now) {
        Verdict verdict = evaluate(view, now);
        FreshnessState current = view.state();
        if (verdict.state() == current) {
            return Optional.empty();
        }
        return switch (current) {
            case VIOLATED -> {
                if (verdict.state() == FreshnessState.OK) {
                    yield Optional.of(new Transition(FreshnessState.OK, "fresh", Event.RECOVERED));
                }
                if (view.evaluated()) {
                    yield Optional.empty();
                }
                yield Optional.of(new Transition(FreshnessState.UNKNOWN, view.defined() ? "sla_removed" : "view_deleted", Event.RECOVERED));
            }
            case OK, UNKNOWN -> verdict.state() == FreshnessState.VIOLATED
                    ? Optional.of(new Transition(FreshnessState.VIOLATED, verdict.reason(), Event.VIOLATED))
                    : Optional.of(new Transition(verdict.state(), null, Event.NONE));
        };
    }

    public static Verdict evaluate(ViewFreshness view, Instant now) {
        requireNonNull(view, "view is null");
        requireNonNull(now, "now is null");
        if (!view.evaluated()) {
            return Verdict.UNKNOWN;
        }
        Duration sla = view.freshnessSla();
        Instant maxEvent = view.maxEventTimestamp();
        if (maxEvent != null && Duration.between(maxEvent, now).compareTo(sla) > 0) {
            return Verdict.violated("sla_exceeded");
        }
        if (view.failedSinceLastSuccess() && cannotMeetSlaBeforeNextRun(view)) {
            return Verdict.violated("materialization_failed");
        }
        if (maxEvent == null) {
            return Duration.between(view.firstSeenAt(), now).compareTo(sla) > 0 ? Verdict.violated("never_materialized") : Verdict.UNKNOWN;
        }
        return Verdict.OK;
    }

    private static boolean cannotMeetSlaBeforeNextRun(ViewFreshness view) {
        if (view.maxEventTimestamp() == null) {
            return true;
        }
        if (view.materializationInterval() == null) {
            return false;
        }
        Instant nextRun = view.lastError().failedAt().plus(view.materializationInterval());
        Instant staleAt = view.maxEventTimestamp().plus(view.freshnessSla());
        return staleAt.isBefore(nextRun);
    }
}
