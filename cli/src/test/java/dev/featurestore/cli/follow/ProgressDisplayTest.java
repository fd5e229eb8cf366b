package dev.featurestore.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    @Test
    void barFillsInProportion() {
        assertThat(ProgressDisplay.bar(0)).isEqualTo("[........................]   0.0%");
        assertThat(ProgressDisplay.bar(50)).isEqualTo("[############............]  50.0%");
        assertThat(ProgressDisplay.bar(100)).isEqualTo("[########################] 100.0%");
        assertThat(ProgressDisplay.bar(140)).isEqualTo(ProgressDisplay.bar(100));
    }

    @Test
    void plainLinesArePrintedOncePerStateOrTenthOfProgress() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = ProgressDisplay.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        display.update(List.of(new ProgressLine("driver_hourly", "queued", 0, "")));
        display.update(List.of(new ProgressLine("driver_hourly", "queued", 0, "")));
        display.update(List.of(new ProgressLine("driver_hourly", "running", 41, "reading (41 of 100 rows)")));
        display.update(List.of(new ProgressLine("driver_hourly", "running", 45, "reading (45 of 100 rows)")));
        display.update(List.of(new ProgressLine("driver_hourly", "succeeded", 100, "succeeded: 100 rows read, 7 entities written")));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "driver_hourly: queued 0%",
                "driver_hourly: running 41%, reading (41 of 100 rows)",
                "driver_hourly: succeeded: 100 rows read, 7 entities written");
    }

    @Test
    void barsAreRedrawnInPlaceOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = ProgressDisplay.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        display.update(List.of(new ProgressLine("a", "running", 50, ""), new ProgressLine("bb", "queued", 0, "")));
        display.update(List.of(new ProgressLine("a", "succeeded", 100, "succeeded: done"), new ProgressLine("bb", "running", 25, "writing")));

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\r\033[2Ka   [############............]  50.0%  running\n");
        assertThat(text).contains("\033[2A\r\033[2Ka   succeeded: done\n\r\033[2Kbb  [######..................]  25.0%  running, writing\n");
    }
}
