package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackConfigTest {
    @Test
    void demoStreamIntervalDefaultsToFiveSecondsAndZeroTurnsTheStreamOff() {
        assertThat(DevStackConfig.from(name -> null).demoStreamInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DevStackConfig.from(Map.of("demo-stream-interval", "250ms")::get).demoStreamInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(DevStackConfig.from(Map.of("demo-stream-interval", "0")::get).demoStreamInterval()).isZero();
    }

    @Test
    void aDemoStreamIntervalThatIsNoDurationFailsNamingTheSetting() {
        for (String value : new String[] {"often", "5", "-1s"}) {
            assertThatThrownBy(() -> DevStackConfig.from(Map.of("demo-stream-interval", value)::get))
                    .as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("featurestore.devstack.demo-stream-interval")
                    .hasMessageContaining(value);
        }
    }

    @Test
    void servingsGrpcPortDefaultsToFeastsAndMustBeFixed() {
        assertThat(DevStackConfig.from(name -> null).servingGrpcPort()).isEqualTo(6566);
        assertThat(DevStackConfig.from(Map.of("serving-grpc-port", "26566")::get).servingGrpcPort()).isEqualTo(26566);
        assertThatThrownBy(() -> DevStackConfig.from(Map.of("serving-grpc-port", "0")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("featurestore.devstack.serving-grpc-port");
    }
}
