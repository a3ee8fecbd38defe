package io.quiesce.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A typo in a what-if or a scenario is a mistake (exit 2 with the reason), never a finding. */
class ReplayMistakesTest {
    @TempDir
    static Path home;
    static Cli cli;
    static Path night;

    static String line(String at, String body) {
        return "{\"at\":\"2026-11-26T" + at + "Z\"," + body + "}";
    }

    @BeforeAll
    static void aScenario() throws IOException {
        cli = Cli.administrator(home.resolve("data"));
        night = home.resolve("night.jsonl");
        Files.writeString(night, String.join("\n",
                line("10:00:00", "\"command\":\"createPool\",\"pool\":\"pool1\""),
                line("10:00:00", "\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe01\""),
                line("10:00:00", "\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe02\""),
                line("10:00:00", "\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe03\""),
                line("10:01:00", "\"command\":\"pause\",\"server\":\"fe01\""),
                line("10:02:00", "\"command\":\"restart\",\"server\":\"fe01\""),
                line("10:03:00", "\"command\":\"stop\",\"server\":\"fe02\",\"service\":\"RTCCPS\",\"as\":\"bob\"")));
    }

    @Test
    void whatIfSettingsForWhatIsNotThereOrThatContradictEachOtherExitTwo() {
        for (List<String> settings : List.of(List.of("startup.fe09=manual"), List.of("dnsLoadBalancing.nopool=on"),
                List.of("startup.fe01.FOO=manual"), List.of("startup.fe01=manual", "startup.FE01=automatic"))) {
            String[] args = new java.util.ArrayList<>(List.of("replay", night.toString())) {{
                settings.forEach(s -> { add("--what-if"); add(s); });
            }}.toArray(String[]::new);
            Cli.Result r = cli.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).singleElement().asString().startsWith("error: --what-if");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void textModeNamesTheServicesThatEndDifferently() {
        Cli.Result r = cli.run("replay", night.toString(), "--what-if", "startup.FE01.RTCSRV=manual");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Services that end differently: 1", "AS IT HAPPENED", "WHAT IF")
                .containsPattern("fe01 +RTCSRV +RUNNING automatic 0 sessions +OFFLINE manual 0 sessions");
    }

    @Test
    void aLineWithAsButNoGroupsIsNotAnAdministrator() {
        Cli.Result r = cli.run("replay", night.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Refused command lines: 1", "line 7", "refused (NOT_AUTHORIZED): bob is not a"
                + " member of Administrators");
    }

    @Test
    void aDeadlineBeyondThirtyDaysStopsTheReplayWithTheSameSentenceAsLive() throws IOException {
        Path longer = home.resolve("longer.jsonl");
        Files.writeString(longer, String.join("\n",
                line("10:00:00", "\"command\":\"createPool\",\"pool\":\"pool1\""),
                line("10:00:00", "\"command\":\"addServer\",\"pool\":\"pool1\",\"server\":\"fe01\""),
                line("10:01:00", "\"command\":\"pause\",\"server\":\"fe01\",\"deadline\":\"P31D\"")));

        Cli.Result r = cli.run("replay", longer.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("longer.jsonl:3: a pause deadline must be more than zero and at most 30 days"
                + " (720h) away, not PT744H");
    }
}
