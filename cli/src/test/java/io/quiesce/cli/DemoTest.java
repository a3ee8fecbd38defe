package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command: it must tell the whole story, quickly, and leave its data behind. */
class DemoTest {
    @TempDir
    Path home;

    @Test
    void tellsTheStoryInUnderAMinute() {
        Path data = home.resolve("demo");
        long started = System.nanoTime();
        Cli.Result demo = Cli.in(home, java.util.Map.of()).run("demo", "--data", data.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(took).isLessThan(Duration.ofMinutes(1));
        assertThat(demo.err()).as("no log or stack trace").isEmpty();
        assertThat(demo.out())
                .contains("$ quiesce pause fe01")
                .containsPattern("fe01 is drained after \\S+: its \\d+ sessions ended on their own, none was interrupted")
                .containsPattern("New sessions meanwhile: fe01 0, fe02 \\d+, fe03 \\d+")
                .contains("$ quiesce startup fe01 manual", "all 9 services: DRAINED -> OFFLINE")
                .contains("$ quiesce start fe01", "all 9 services: OFFLINE -> RUNNING")
                .contains("all 9 services: DRAINED -> RUNNING (pause cleared by restart)")
                .contains("warning: Lync Server Front-End on fe02 is paused but starts automatically")
                .containsPattern("New Call Park sessions in the last 2 minutes: fe04 [1-9]\\d*, ")
                .contains("refused (DNS_LB_SESSIONS): Lync Server Call Park on fe04")
                .contains("RTCCPS: PAUSING -> OFFLINE")
                .contains("pool pool2  (DNS load balancing off")
                .contains("Everything above is recorded in " + data);

        Cli.Result again = Cli.in(home, java.util.Map.of()).run("demo", "--data", data.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).startsWith("error: the demo needs a data directory without pools");
    }
}
