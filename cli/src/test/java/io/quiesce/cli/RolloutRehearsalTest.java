package io.quiesce.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate POOL --rollout '...'}: a rollout rehearsed against generated traffic in simulated time. */
class RolloutRehearsalTest {
    @TempDir
    Path home;

    @Test
    void aRehearsalThatWaitsForEachDrainCompletesWithoutInterruptingAnyone() {
        Cli cli = Cli.administrator(home.resolve("data"));
        Cli.Result r = cli.run("simulate", "pool1", "--duration", "20m", "--rate", "0.5", "--mean", "20s",
                "--rollout", "--exec 'patch {server}' --reason rehearsal", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, Object> json = r.json();
        Map<String, Object> rollout = Cli.object(json.get("rollout"));
        assertThat(rollout.get("status")).isEqualTo("COMPLETED");
        assertThat(json.get("interrupted")).isEqualTo(0L);
        assertThat(json.get("lost")).isEqualTo(0L);
        // the rollout is recorded like a real one, its patch steps marked as not run
        Map<String, Object> status = cli.run("rollout", "status", "pool1", "--json").json();
        assertThat(Cli.list(status.get("servers"))).allSatisfy(s -> assertThat(
                Cli.object(Cli.object(s).get("patch")).get("outputTail").toString()).startsWith("rehearsal: not run"));
    }

    @Test
    void aRehearsalWithAShortForcedDrainInterruptsSessionsAndARunTooShortAbortsIt() {
        Cli cli = Cli.administrator(home.resolve("data"));
        Cli.Result forced = cli.run("simulate", "pool1", "--duration", "30m", "--rate", "1", "--mean", "5m",
                "--rollout", "--drain-timeout 30s --on-timeout force", "--patch-time", "10s");
        assertThat(forced.exit()).as(forced.toString()).isZero();
        assertThat(forced.out()).contains("rollout completed after").doesNotContain(" 0 interrupted");

        Cli cli2 = Cli.administrator(home.resolve("data2"));
        Cli.Result cut = cli2.run("simulate", "pool1", "--duration", "3m", "--rate", "1", "--mean", "5m",
                "--rollout", "--on-timeout wait");
        assertThat(cut.exit()).as(cut.toString()).isEqualTo(3);
        assertThat(cut.out()).contains("rollout aborted (ABORT_REQUESTED");
        assertThat(cli2.run("rollout", "status", "pool1").out()).contains("aborted");
    }
}
