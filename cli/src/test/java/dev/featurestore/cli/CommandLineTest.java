package dev.featurestore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line does without any service: its usage errors, exit codes, and one line when a service is out of reach. */
class CommandLineTest {
    @TempDir(factory = OutsideCheckoutTempDir.class)
    Path directory;

    @Test
    void anUnreachableServiceIsOneLineAndExitCodeOne() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRunner cli = new CliRunner(Map.of("FEATURESTORE_API_KEY", "fsk_0123456789ab_notused", "FEATURESTORE_PROJECT", "rides"), directory);

        CliRunner.Result result = cli.run("registry", "list", "--registry-url", "http://127.0.0.1:" + closed);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(("error: cannot reach registry-service at http://127.0.0.1:%d: connection refused "
                + "(is it running? the dev stack starts with ./devstack.sh)%n").formatted(closed));
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRunner cli = new CliRunner(Map.of("FEATURESTORE_API_KEY", "fsk_0123456789ab_notused"), directory);

        CliRunner.Result result = cli.run("--verbose", "freshness", "--project", "rides", "--monitoring-url", "http://127.0.0.1:" + closed);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("error: cannot reach monitoring-service").contains("\tat dev.featurestore.cli.http.ServiceClient.send");
    }

    @Test
    void aMissingKeyOrProjectSaysHowToGiveOne() throws IOException {
        CliRunner cli = new CliRunner(Map.of(), directory);
        Files.writeString(directory.resolve("featurestore.yaml"), "project: rides\nauth: {api_key_env: RIDES_KEY}\n");

        CliRunner.Result noKey = cli.run("registry", "list");
        CliRunner.Result noProject = new CliRunner(Map.of("FEATURESTORE_API_KEY", "fsk_0123456789ab_x"), directory.getParent()).run("runs");

        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(noKey.err()).startsWith("error: no API key: set FEATURESTORE_API_KEY (or RIDES_KEY, as featurestore.yaml's auth.api_key_env says)");
        assertThat(noProject.err()).startsWith("error: no project: pass --project, set FEATURESTORE_PROJECT");
    }

    @Test
    void usageErrorsAreExitCodeOneAndPointAtTheHelp() {
        CliRunner cli = new CliRunner(Map.of(), directory);

        CliRunner.Result unknown = cli.run("materialise");
        CliRunner.Result missing = cli.run("get-historical-features", "--entities", "e.csv", "-o", "out.parquet");
        CliRunner.Result badTime = cli.run("materialize", "yesterday", "now", "--project", "rides", "--api-key", "fsk_0123456789ab_x");
        CliRunner.Result badOutput = cli.run("get-historical-features", "--entities", "e.csv", "--features", "a:b", "-o", "out.xlsx");
        CliRunner.Result help = cli.run("plan", "--help");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err()).contains("Unmatched argument at index 0: 'materialise'").contains("see: featurestore --help");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(missing.err()).contains("error: Missing required argument (specify one of these): (--features=VIEW:FEATURE[,VIEW:FEATURE...]");
        assertThat(badTime.err()).isEqualTo("error: START: 'yesterday' is not a timestamp (2026-11-21T10:00:00Z, 2026-11-21, now or now-2h)%n".formatted());
        assertThat(badOutput.err()).isEqualTo("error: -o: 'out.xlsx' is neither a .parquet nor a .csv file%n".formatted());
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--allow-breaking").contains("--output=FORMAT");
    }
}
