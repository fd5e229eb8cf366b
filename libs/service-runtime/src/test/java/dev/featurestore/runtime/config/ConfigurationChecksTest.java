package dev.featurestore.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationChecksTest {

    @Test
    void namesThePropertyOfAMissingValue() {
        assertThatThrownBy(() -> ConfigurationChecks.requireText(" ", "featurestore.s3.bucket"))
                .hasMessage("featurestore.s3.bucket must be set");
    }

    @Test
    void rejectsANonPositiveDuration() {
        assertThatThrownBy(() -> ConfigurationChecks.requirePositive(Duration.ZERO, "featurestore.health.timeout"))
                .hasMessage("featurestore.health.timeout must be positive, got 'PT0S'");
    }

    @Test
    void rejectsAUriOfTheWrongSchemeWithoutShowingItsPassword() {
        assertThatThrownBy(() -> ConfigurationChecks.requireUri("http://:pw@host:6379", "featurestore.redis.uri", "redis", "rediss"))
                .hasMessage("featurestore.redis.uri must be a redis or rediss URI with a host, got 'http://host:6379'");
    }

    @Test
    void redactsCredentialsFromEndpoints() {
        assertThat(Redaction.redact(URI.create("redis://user:secret@127.0.0.1:16379/0?timeout=5s"))).isEqualTo("redis://127.0.0.1:16379/0");
        assertThat(Redaction.redactJdbcUrl("jdbc:postgresql://u:p@127.0.0.1:15432/featurestore?password=x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:15432/featurestore");
    }

    @Test
    void failsTheStartOnABadValueNamingTheProperty() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.builder().environments("runtime-test")
                    .properties(Map.of("featurestore.health.timeout", "-5s"))
                    .eagerInitConfiguration(true)
                    .start()) {
                context.getBean(dev.featurestore.runtime.health.HealthProperties.class);
            }
        }).hasStackTraceContaining("featurestore.health.timeout must be positive");
    }
}
