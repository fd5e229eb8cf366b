package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackModeTest {

    @Test
    void parsesModeNamesIgnoringCase() {
        assertThat(StackMode.parse("test", "embedded")).isEqualTo(StackMode.EMBEDDED);
        assertThat(StackMode.parse("test", " Containers ")).isEqualTo(StackMode.CONTAINERS);
        assertThat(StackMode.parse("test", "EXTERNAL")).isEqualTo(StackMode.EXTERNAL);
    }

    @Test
    void rejectsAnUnknownModeNamingWhereItCameFrom() {
        assertThatThrownBy(() -> StackMode.parse("featurestore.testkit.mode", "docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("featurestore.testkit.mode")
                .hasMessageContaining("docker");
    }

    @Test
    void prefersTheSystemPropertyOverDockerDetection() {
        String previous = System.getProperty(StackMode.PROPERTY);
        System.setProperty(StackMode.PROPERTY, "external");
        try {
            assertThat(StackMode.fromEnvironment()).isEqualTo(StackMode.EXTERNAL);
        } finally {
            if (previous == null) {
                System.clearProperty(StackMode.PROPERTY);
            } else {
                System.setProperty(StackMode.PROPERTY, previous);
            }
        }
    }
}
