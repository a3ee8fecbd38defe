package io.quiesce.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code history} exports what a data directory recorded; {@code replay} reads it back, or a hand-written scenario. */
class HistoryReplayTest {
    @TempDir
    static Path home;
    static Cli cli;
    static Path exported;

    @BeforeAll
    static void aNightOfMaintenance() {
        cli = Cli.administrator(home.resolve("data"));
        for (String[] step : List.of(
                new String[] {"pool", "create", "pool1", "--no-dns-lb"},
                new String[] {"server", "add", "pool1", "fe01"},
                new String[] {"server", "add", "pool1", "fe02"},
                new String[] {"server", "add", "pool1", "fe03"},
                // Paused fe01 still takes the parked call (a tie, fe01 first): the pool cannot route it elsewhere.
                new String[] {"pause", "fe01", "--reason", "patch"},
                new String[] {"connect", "pool1", "--feature", "call-park", "--id", "park-1"},
                new String[] {"stop", "fe01", "--force"})) {
            assertThat(cli.run(step).exit()).as(String.join(" ", step)).isZero();
        }
        exported = home.resolve("night.jsonl");
        Cli.Result export = cli.run("history", "--export", exported.toString());
        assertThat(export.exit()).as(export.toString()).isZero();
    }

    @Test
    void historyListsTheEventsOldestFirstWithWhoAndWhy() {
        Cli.Result r = cli.run("history", "--server", "fe01");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ServerAdded", "SessionStarted", "ServicePaused", "by alice", "reason: patch",
                "SessionInterrupted", "cause=FORCED_STOP", "ServiceStopped").doesNotContain("fe02");
        assertThat(r.out().indexOf("ServicePaused")).isLessThan(r.out().indexOf("ServiceStopped"));
    }

    @Test
    void historyJsonHasOneObjectPerEvent() {
        Cli.Result r = cli.run("history", "--json");

        List<Object> events = Cli.list(r.json().get("events"));
        assertThat(Cli.object(events.get(0))).containsEntry("type", "PoolCreated").containsEntry("pool", "pool1");
        assertThat(events).hasSizeGreaterThan(20);
    }

    @Test
    void theExportReplaysToTheStatusOfTheDataDirectory() {
        Cli.Result status = cli.run("status", "--json");
        Cli.Result replay = cli.run("replay", exported.toString(), "--json");

        assertThat(replay.exit()).as(replay.toString()).isZero();
        Map<String, Object> json = replay.json();
        assertThat(json.get("final")).isEqualTo(status.json());
        assertThat(json.get("interrupted")).isEqualTo(1L);
        assertThat(Cli.list(json.get("findings"))).extracting(f -> Cli.object(f).get("code"))
                .contains("INTERRUPTED_WITHOUT_DNS_LB", "FORCED_INTERRUPTION");
    }

    @Test
    void replayTellsTheStoryAndWhatIfDnsLoadBalancingHadBeenOn() throws IOException {
        Path report = home.resolve("night.html");
        Cli.Result r = cli.run("replay", exported.toString(), "--what-if", "dnsLoadBalancing.pool1=on",
                "--report", report.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Sessions interrupted: 1", "park-1 (call-park)", "forced stop",
                "INTERRUPTED_WITHOUT_DNS_LB", "What if dnsLoadBalancing.pool1=on:", "as it happened", "Final state:");
        assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>").contains("<svg");
    }

    @Test
    void whatIfInJsonHasTheSameShapeUnderWhatIf() {
        Cli.Result r = cli.run("replay", exported.toString(), "--json", "--what-if", "startup.fe01=manual");

        Map<String, Object> whatIf = Cli.object(r.json().get("whatIf"));
        assertThat(whatIf).containsKeys("findings", "interrupted", "lostConnections", "final");
        assertThat(whatIf.get("settings")).isEqualTo(List.of("startup.fe01=manual"));
    }

    @Test
    void atShowsTheStateAtThatInstant() throws IOException {
        Path scenario = home.resolve("scenario.jsonl");
        Files.writeString(scenario, String.join("\n",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"createPool\",\"pool\":\"p\"}",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe01\"}",
                "{\"at\":\"2026-11-26T11:00:00Z\",\"command\":\"pause\",\"server\":\"fe01\",\"force\":true}"));

        Cli.Result before = cli.run("replay", scenario.toString(), "--at", "2026-11-26T10:30:00Z", "--json");
        Cli.Result after = cli.run("replay", scenario.toString(), "--json");

        assertThat(before.out()).contains("\"status\":\"RUNNING\"").doesNotContain("DRAINED");
        assertThat(after.out()).contains("\"status\":\"DRAINED\"");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path broken = home.resolve("broken.jsonl");
        Files.writeString(broken, "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"createPool\",\"pool\":\"p\"}\n"
                + "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"pause\"\n");

        for (String[] args : List.of(new String[] {"replay", broken.toString()},
                new String[] {"replay", home.resolve("missing.jsonl").toString()},
                new String[] {"replay", exported.toString(), "--at", "tomorrow"},
                new String[] {"replay", exported.toString(), "--what-if", "colour=blue"},
                new String[] {"history", "--server", "fe01", "--export", home.resolve("x.jsonl").toString()})) {
            Cli.Result r = cli.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(cli.run("replay", broken.toString()).err()).contains("broken.jsonl:2: not valid JSON");
    }
}
