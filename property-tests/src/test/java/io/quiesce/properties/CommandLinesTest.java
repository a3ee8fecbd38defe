package io.quiesce.properties;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLinesTest {
    @Test
    void generatedSequencesReadBackAsWritten() {
        Generator generator = Generator.standard(60, 0, 2);
        for (long seed = 0; seed < 200; seed++) {
            List<Step> steps = generator.generate(seed);
            // A restart of the process has no line; without it, waits on either side are one wait.
            List<Step> expected = Shrinker.normalize(steps.stream().filter(s -> !(s instanceof Step.Reopen)).toList());

            assertThat(CommandLines.read(CommandLines.write(steps), "seed " + seed)).as("seed %d", seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void readsTheSpecExampleLine() {
        String line = "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"pause\",\"server\":\"fe01\",\"as\":\"alice\","
                + "\"groups\":[\"Administrators\"]}";

        assertThat(CommandLines.read(line, "spec")).containsExactly(Step.admin(new Request.Pause("fe01", null, null, false, false)));
    }

    @Test
    void aLineWithoutAsComesFromTheReplayAdministrator() {
        List<Step> steps = CommandLines.read("{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"end\",\"session\":\"s1\"}",
                "test");

        assertThat(steps).containsExactly(new Step.Send(Principals.REPLAY, null, new Request.End("s1")));
    }

    @Test
    void theGapBetweenLinesIsAWait() {
        List<Step> steps = CommandLines.read("""
                {"at":"2026-11-26T10:00:00Z","command":"end","session":"s1"}
                {"at":"2026-11-26T10:30:00Z","command":"end","session":"s2"}
                """, "test");

        assertThat(steps).element(1).isEqualTo(new Step.Wait(Duration.ofMinutes(30)));
    }

    @Test
    void linesOutOfOrderOrEventLinesAreReportedWithTheirNumber() {
        assertThatThrownBy(() -> CommandLines.read("""
                {"at":"2026-11-26T10:30:00Z","command":"end","session":"s1"}
                {"at":"2026-11-26T10:00:00Z","command":"end","session":"s2"}
                """, "late")).hasMessage("late:2: lines must be oldest first");
        assertThatThrownBy(() -> CommandLines.read("""
                {"at":"2026-11-26T10:00:00Z","type":"ServiceDrained","server":"fe01","service":"Lync Server Front-End"}
                """, "events")).hasMessage("events:1: a sequence is made of command lines");
    }
}
