package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** simulate: traffic and a maintenance script in simulated time, all recorded in the data directory. */
class SimulateTest {
    @TempDir
    Path home;

    Cli cli() {
        return Cli.administrator(home.resolve("data"));
    }

    @Test
    void aRunLandsInTheDataDirectory() throws Exception {
        Cli.Result run = cli().run("simulate", "pool1", "--duration", "4m", "--rate", "2", "--mean", "1m",
                "--seed", "7", "--at", "30s", "pause", "fe01", "--deadline", "1m", "--at", "3m restart fe01", "--json");
        assertThat(run.exit()).as(run.toString()).isZero();
        Map<String, Object> json = run.json();
        assertThat(json).containsEntry("pool", "pool1").containsEntry("seed", 7L).containsEntry("lost", 0L);
        assertThat((Long) json.get("started")).isGreaterThan(300);
        assertThat((Long) json.get("started")).isEqualTo((Long) json.get("ended") + (Long) json.get("interrupted")
                + (Long) json.get("active"));
        List<Object> steps = Cli.list(json.get("steps"));
        assertThat(steps).hasSize(2);
        assertThat(Cli.object(steps.get(0))).containsEntry("offset", "30s").containsEntry("command",
                "pause fe01 --deadline 1m").containsEntry("by", "alice").containsEntry("exit", 0L);
        assertThat(Cli.list(Cli.object(steps.get(1)).get("warnings"))).isNotEmpty().allSatisfy(w ->
                assertThat(Cli.object(w)).containsEntry("code", "PAUSE_CLEARED_BY_RESTART"));

        // The next invocation sees what the simulation left, after the deadline and the restart.
        Cli.Result status = cli().run("status", "fe01", "--json");
        Map<String, Object> pool = Cli.object(Cli.list(status.json().get("pools")).get(0));
        Map<String, Object> fe01 = Cli.object(Cli.list(pool.get("servers")).get(0));
        assertThat(fe01).containsEntry("status", "RUNNING");
        assertThat((Long) fe01.get("sessions")).isPositive();

        // A hand-written scenario in the history format; bob may not restart anything.
        Path script = Files.writeString(home.resolve("night.jsonl"), """
                {"at":"2026-11-26T10:00:00Z","command":"startup","server":"fe02","type":"manual","reason":"patches"}
                {"at":"2026-11-26T10:01:00Z","command":"restart","server":"fe03","as":"bob","groups":["Users"]}
                """);
        Cli.Result scripted = cli().run("simulate", "pool1", "--duration", "2m", "--script", script.toString());
        assertThat(scripted.exit()).as(scripted.toString()).isEqualTo(4);
        assertThat(scripted.lines()).contains("[00:00] startup fe02 manual",
                "        all 9 services: startup automatic -> manual", "[01:00] restart fe03");
        assertThat(scripted.out()).contains("simulated 2m of pool pool1 (seed 42): ");
        assertThat(scripted.errLines()).singleElement().asString()
                .isEqualTo("        refused (NOT_AUTHORIZED): bob is not a member of Administrators: ask an"
                        + " administrator to do this.");
    }

    @Test
    void theSameSeedGivesTheSameRunThoughCommandsAreKeptInFlight() throws Exception {
        // given two new data directories
        String[] args = {"simulate", "pool1", "--duration", "3m", "--rate", "20", "--mean", "1m", "--seed", "11",
                "--at", "30s", "pause", "fe01", "--deadline", "1m", "--at", "2m restart fe02", "--json"};

        // when the same run goes into each, with hundreds of commands in flight at a time
        Map<String, Object> first = Cli.administrator(home.resolve("first")).run(args).json();
        Map<String, Object> second = Cli.administrator(home.resolve("second")).run(args).json();

        // then the users saw the same, the deadline's interruptions included
        assertThat((Long) first.get("started")).isGreaterThan(3000);
        assertThat((Long) first.get("interrupted")).isPositive();
        for (String key : List.of("started", "ended", "interrupted", "lost", "active", "startedByServer")) {
            assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
        }
    }

    @Test
    void aBadScriptStopsTheRunBeforeAnythingIsRecorded() throws Exception {
        Path script = Files.writeString(home.resolve("bad.jsonl"), """
                {"at":"2026-11-26T10:00:00Z","command":"pause","server":"fe01"}
                {"at":"2026-11-26T10:00:10Z","command":"pause","server":"fe01",}
                """);
        Cli.Result bad = cli().run("simulate", "pool1", "--script", script.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString().startsWith("error: " + script + ":2: not valid JSON");

        Cli.Result late = cli().run("simulate", "pool1", "--duration", "1m", "--at", "2m", "pause", "fe01");
        assertThat(late.exit()).isEqualTo(2);
        assertThat(late.err()).isEqualTo("error: step 'pause fe01' at 2m comes after the end of the run (--duration"
                + " 1m).\n");

        Cli.Result reading = cli().run("simulate", "pool1", "--at", "10s status");
        assertThat(reading.exit()).isEqualTo(2);
        assertThat(reading.err()).contains("a step must change something");

        Cli.Result unknown = cli().run("simulate", "pool1", "--at", "10s pause fe01 --forever");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--forever");

        assertThat(Files.exists(home.resolve("data"))).isFalse();
    }
}
