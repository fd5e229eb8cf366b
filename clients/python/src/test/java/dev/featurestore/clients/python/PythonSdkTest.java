package dev.featurestore.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's unit tests ({@code tests/unit}: configuration, errors, repository loading, plans, conversions), which need
 * no running suite, through pytest in the module's virtual environment. pytest's output is in the test's output and
 * its report in {@code target/surefire-reports/TEST-pytest-unit.xml}.
 */
class PythonSdkTest {

    @Test
    void pythonUnitTestsPass() {
        PythonEnvironment python = PythonEnvironment.prepared();

        PythonEnvironment.PytestResult result = python.pytest("tests/unit", "unit", Map.of());

        assertThat(result.exitCode()).as("pytest tests/unit failed (whole output above):%n%s", result.tail(60)).isZero();
        assertThat(result.output()).contains(" passed");
    }
}
