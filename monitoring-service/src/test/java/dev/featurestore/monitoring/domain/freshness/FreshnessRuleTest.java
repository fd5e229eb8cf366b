package dev.featurestore.monitoring.domain.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.events.FreshnessError;
import dev.featurestore.contracts.events.FreshnessRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessRuleTest {
    private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");
    private static final Duration SLA = Duration.ofHours(2);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private static ViewFreshness view(FreshnessState state, Instant maxEvent, FreshnessRun run, FreshnessError error, Duration interval) {
        return new ViewFreshness("p", "v", true, true, SLA, interval, T0, maxEvent, run, error, state, T0, null);
    }

    private static FreshnessRun run(Instant at, Instant maxEvent) {
        return new FreshnessRun("6f1c2a54-3f7e-4d8e-9a57-0c1d2e3f4a5b", at, maxEvent);
    }

    private static FreshnessError error(Instant at) {
        return new FreshnessError("7a2d3b65-4a8f-4e9f-8b68-1d2e3f4a5b6c", at, "SOURCE_UNREADABLE", "s3://b/x.parquet: not a Parquet file");
    }

    @Test
    void stalenessAboveTheSlaViolatesAndWithinItIsOk() {
        ViewFreshness fresh = view(FreshnessState.UNKNOWN, T0, run(T0, T0), null, INTERVAL);

        assertThat(FreshnessRule.evaluate(fresh, T0.plus(SLA))).isEqualTo(new FreshnessRule.Verdict(FreshnessState.OK, null));
        assertThat(FreshnessRule.evaluate(fresh, T0.plus(SLA).plusSeconds(1)))
                .isEqualTo(new FreshnessRule.Verdict(FreshnessState.VIOLATED, "sla_exceeded"));
    }

    @Test
    void unknownToOkPublishesNothingAndOkToViolatedPublishesOnce() {
        ViewFreshness unknown = view(FreshnessState.UNKNOWN, T0, run(T0, T0), null, INTERVAL);
        assertThat(FreshnessRule.transition(unknown, T0.plusSeconds(60)))
                .contains(new FreshnessRule.Transition(FreshnessState.OK, null, FreshnessRule.Event.NONE));

        ViewFreshness ok = view(FreshnessState.OK, T0, run(T0, T0), null, INTERVAL);
        assertThat(FreshnessRule.transition(ok, T0.plusSeconds(60))).isEmpty();
        assertThat(FreshnessRule.transition(ok, T0.plus(SLA).plusSeconds(1)))
                .contains(new FreshnessRule.Transition(FreshnessState.VIOLATED, "sla_exceeded", FreshnessRule.Event.VIOLATED));

        ViewFreshness violated = view(FreshnessState.VIOLATED, T0, run(T0, T0), null, INTERVAL);
        assertThat(FreshnessRule.transition(violated, T0.plus(SLA).plusSeconds(100))).isEmpty();
        ViewFreshness caughtUp = view(FreshnessState.VIOLATED, T0.plus(SLA), run(T0.plus(SLA), T0.plus(SLA)), null, INTERVAL);
        assertThat(FreshnessRule.transition(caughtUp, T0.plus(SLA).plusSeconds(100)))
                .contains(new FreshnessRule.Transition(FreshnessState.OK, "fresh", FreshnessRule.Event.RECOVERED));
    }

    @Test
    void aFailureThatLeavesTheViewStaleBeforeItsNextScheduledRunViolatesAtOnce() {
        // values from T0 go stale at T0 + 2h; a failure at T0 + 90m is retried by the schedule at T0 + 150m: too late
        ViewFreshness late = view(FreshnessState.OK, T0, run(T0, T0), error(T0.plus(Duration.ofMinutes(90))), INTERVAL);
        assertThat(FreshnessRule.evaluate(late, T0.plus(Duration.ofMinutes(90))))
                .isEqualTo(new FreshnessRule.Verdict(FreshnessState.VIOLATED, "materialization_failed"));

        // a failure at T0 + 30m is retried at T0 + 90m, before the values go stale: still ok
        ViewFreshness early = view(FreshnessState.OK, T0, run(T0, T0), error(T0.plus(Duration.ofMinutes(30))), INTERVAL);
        assertThat(FreshnessRule.evaluate(early, T0.plus(Duration.ofMinutes(30)))).isEqualTo(new FreshnessRule.Verdict(FreshnessState.OK, null));

        // without a schedule the failure only counts through the SLA itself
        ViewFreshness unscheduled = view(FreshnessState.OK, T0, run(T0, T0), error(T0.plus(Duration.ofMinutes(90))), null);
        assertThat(FreshnessRule.evaluate(unscheduled, T0.plus(Duration.ofMinutes(90)))).isEqualTo(new FreshnessRule.Verdict(FreshnessState.OK, null));
    }

    @Test
    void aFailureBeforeTheLastSuccessDoesNotCount() {
        ViewFreshness recovered = view(FreshnessState.OK, T0, run(T0.plus(Duration.ofMinutes(100)), T0), error(T0.plus(Duration.ofMinutes(90))), INTERVAL);

        assertThat(FreshnessRule.evaluate(recovered, T0.plus(Duration.ofMinutes(100)))).isEqualTo(new FreshnessRule.Verdict(FreshnessState.OK, null));
    }

    @Test
    void aViolationByFailureEndsOnlyWithASuccessfulRun() {
        ViewFreshness failed = view(FreshnessState.VIOLATED, T0, run(T0, T0), error(T0.plus(Duration.ofMinutes(90))), INTERVAL);
        assertThat(FreshnessRule.transition(failed, T0.plus(Duration.ofMinutes(95)))).isEmpty();

        ViewFreshness rerun = view(FreshnessState.VIOLATED, T0.plus(Duration.ofMinutes(95)),
                run(T0.plus(Duration.ofMinutes(96)), T0.plus(Duration.ofMinutes(95))), error(T0.plus(Duration.ofMinutes(90))), INTERVAL);
        assertThat(FreshnessRule.transition(rerun, T0.plus(Duration.ofMinutes(96))))
                .contains(new FreshnessRule.Transition(FreshnessState.OK, "fresh", FreshnessRule.Event.RECOVERED));
    }

    @Test
    void aViewNeverMaterializedIsUnknownForOneSlaThenViolated() {
        ViewFreshness never = view(FreshnessState.UNKNOWN, null, null, null, INTERVAL);

        assertThat(FreshnessRule.transition(never, T0.plus(SLA))).isEmpty();
        assertThat(FreshnessRule.transition(never, T0.plus(SLA).plusSeconds(1)))
                .contains(new FreshnessRule.Transition(FreshnessState.VIOLATED, "never_materialized", FreshnessRule.Event.VIOLATED));
        ViewFreshness neverAndFailed = view(FreshnessState.UNKNOWN, null, null, error(T0.plusSeconds(10)), INTERVAL);
        assertThat(FreshnessRule.transition(neverAndFailed, T0.plusSeconds(10)))
                .contains(new FreshnessRule.Transition(FreshnessState.VIOLATED, "materialization_failed", FreshnessRule.Event.VIOLATED));
    }

    @Test
    void aViolatedViewThatStopsBeingEvaluatedRecoversWithTheReason() {
        ViewFreshness slaRemoved = new ViewFreshness("p", "v", true, true, null, INTERVAL, T0, T0, run(T0, T0), null, FreshnessState.VIOLATED, T0,
                "sla_exceeded");
        ViewFreshness deleted = new ViewFreshness("p", "v", false, true, SLA, INTERVAL, T0, T0, run(T0, T0), null, FreshnessState.VIOLATED, T0,
                "sla_exceeded");
        ViewFreshness okWithoutSla = new ViewFreshness("p", "v", true, true, null, INTERVAL, T0, T0, run(T0, T0), null, FreshnessState.OK, T0, null);

        assertThat(FreshnessRule.transition(slaRemoved, T0.plus(Duration.ofDays(1))))
                .contains(new FreshnessRule.Transition(FreshnessState.UNKNOWN, "sla_removed", FreshnessRule.Event.RECOVERED));
        assertThat(FreshnessRule.transition(deleted, T0.plus(Duration.ofDays(1))))
                .contains(new FreshnessRule.Transition(FreshnessState.UNKNOWN, "view_deleted", FreshnessRule.Event.RECOVERED));
        assertThat(FreshnessRule.transition(okWithoutSla, T0.plus(Duration.ofDays(1))))
                .isEqualTo(Optional.of(new FreshnessRule.Transition(FreshnessState.UNKNOWN, null, FreshnessRule.Event.NONE)));
    }
}
