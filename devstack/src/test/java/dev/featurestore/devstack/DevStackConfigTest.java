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

    @Test
    void servingHasTheFullJitOfItsOwnWhileTheOtherServicesKeepC1() {
        DevStackConfig defaults = DevStackConfig.from(name -> null);

        assertThat(defaults.javaOptions(ServiceKind.SERVING)).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
        for (ServiceKind kind : ServiceKind.values()) {
            if (kind != ServiceKind.SERVING) {
                assertThat(defaults.javaOptions(kind)).as(kind.module()).containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            }
        }
        DevStackConfig set = DevStackConfig.from(Map.of("serving-java-opts", " -Xmx1g  -XX:+UseParallelGC ", "service-java-opts", "-Xmx256m")::get);
        assertThat(set.javaOptions(ServiceKind.SERVING)).containsExactly("-Xmx1g", "-XX:+UseParallelGC");
        assertThat(set.javaOptions(ServiceKind.REGISTRY)).containsExactly("-Xmx256m");
    }

    @Test
    void servingWarmupDefaultsToThreeThousandRequestsAndZeroTurnsItOff() {
        assertThat(DevStackConfig.from(name -> null).servingWarmupRequests()).isEqualTo(3_000);
        assertThat(DevStackConfig.from(Map.of("serving-warmup-requests", "0")::get).servingWarmupRequests()).isZero();
        assertThat(DevStackConfig.from(Map.of("serving-warmup-requests", "500")::get).servingWarmupRequests()).isEqualTo(500);
    }

    @Test
    void aServingWarmupOutsideItsBoundsFailsNamingTheSetting() {
        for (String value : new String[] {"-1", "100001", "many"}) {
            assertThatThrownBy(() -> DevStackConfig.from(Map.of("serving-warmup-requests", value)::get))
                    .as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("featurestore.devstack.serving-warmup-requests")
                    .hasMessageContaining(value);
        }
    }
}
