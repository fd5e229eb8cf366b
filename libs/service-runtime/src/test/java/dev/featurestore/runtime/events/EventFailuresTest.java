package dev.featurestore.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;

class EventFailuresTest {
    @Test
    void databaseConnectionAndTransientErrorsAreInfrastructureAlsoWhenWrapped() {
        assertThat(EventFailures.isInfrastructure(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(EventFailures.isInfrastructure(new IllegalStateException("tx", new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(EventFailures.isInfrastructure(new RuntimeException(new SQLException("connection refused", "08001")))).isTrue();
        assertThat(EventFailures.isInfrastructure(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
    }

    @Test
    void networkErrorsAndUnavailableDependenciesAreInfrastructure() {
        assertThat(EventFailures.isInfrastructure(new UncheckedIOException(new ConnectException("Connection refused")))).isTrue();
        assertThat(EventFailures.isInfrastructure(new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "registry down"))).isTrue();
        assertThat(EventFailures.isInfrastructure(new org.apache.kafka.common.errors.TimeoutException("no metadata"))).isTrue();
    }

    @Test
    void failuresOnTheEventItselfAreNotInfrastructure() {
        assertThat(EventFailures.isInfrastructure(new ArithmeticException("long overflow"))).isFalse();
        assertThat(EventFailures.isInfrastructure(new DateTimeException("Instant exceeds minimum or maximum instant"))).isFalse();
        assertThat(EventFailures.isInfrastructure(new RuntimeException(new SQLException("date/time field value out of range", "22008")))).isFalse();
        assertThat(EventFailures.isInfrastructure(new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "bad ttl"))).isFalse();
        assertThat(EventFailures.isInfrastructure(new IllegalArgumentException("no such view"))).isFalse();
    }

    @Test
    void aReasonIsTheMessageShortened() {
        assertThat(EventFailures.describe(new ArithmeticException("long overflow"), 500)).isEqualTo("long overflow");
        assertThat(EventFailures.describe(new NullPointerException(), 500)).isEqualTo("java.lang.NullPointerException");
        assertThat(EventFailures.describe(new IllegalStateException("x".repeat(600)), 500)).hasSize(503);
    }
}
