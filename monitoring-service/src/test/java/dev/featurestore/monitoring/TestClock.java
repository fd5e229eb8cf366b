package dev.featurestore.monitoring;

import dev.featurestore.monitoring.config.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system's, moved forward by what tests {@link #advance}. One per test JVM, so it
 * outlives a restarted application context, as time does.
 */
public final class TestClock extends Clock {
    private static final TestClock SHARED = new TestClock();

    private volatile Duration offset = Duration.ZERO;

    public static TestClock shared() {
        return SHARED;
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** Puts the test clock in the place of the service's. */
    @Factory
    @Replaces(factory = ClockFactory.class)
    public static class TestClockFactory {
        @Singleton
        @Replaces(value = Clock.class, factory = ClockFactory.class)
        Clock clock() {
            return SHARED;
        }
    }
}
