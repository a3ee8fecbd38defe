package io.quiesce.cli;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.internal.persistence.PatchStep;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.internal.persistence.RolloutProgress;
import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rollout plan|start|status|abort|resume} on the command line, in this JVM. */
class RolloutCommandTest {
    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void threeServerPool() {
        cli = Cli.administrator(home.resolve("data"));
        assertThat(cli.run("pool", "create", "pool1").exit()).isZero();
        for (String s : List.of("fe01", "fe02", "fe03")) {
            assertThat(cli.run("server", "add", "pool1", s).exit()).isZero();
        }
    }

    @Test
    void planShowsTheBatchesAndTheGuardsAndRecordsNothing() {
        Cli.Result plan = cli.run("rollout", "plan", "pool1", "--json");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        Map<String, Object> json = plan.json();
        assertThat(json.get("possible")).isEqualTo(true);
        assertThat(Cli.list(json.get("batches"))).hasSize(3);
        assertThat(Cli.object(Cli.list(json.get("batches")).get(0)).get("quorum"))
                .isEqualTo("2 of 3 servers stay up while offline (quorum 2)");
        assertThat(cli.run("history").out()).doesNotContain("Rollout");
        assertThat(cli.run("rollout", "status", "pool1").out()).isEqualTo("pool pool1 has never been rolled\n");
    }

    @Test
    void aPoolThatCannotBeRolledIsExplainedAndStartIsRefusedWithExit3() {
        // given two servers of three down
        assertThat(cli.run("stop", "fe02").exit()).isZero();
        assertThat(cli.run("stop", "fe03", "--force").exit()).isZero();
        // when planned: it says why, as a plan (exit 0)
        Cli.Result plan = cli.run("rollout", "plan", "pool1");
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).startsWith("pool pool1 cannot be rolled:\n")
                .contains("(ROLLOUT_NOT_POSSIBLE) taking fe01 offline would leave pool pool1 with 0 of 3 servers up");
        // when started: refused, nothing recorded
        Cli.Result start = cli.run("rollout", "start", "pool1");
        assertThat(start.exit()).isEqualTo(3);
        assertThat(start.err()).contains("ROLLOUT_NOT_POSSIBLE");
        assertThat(cli.run("rollout", "status", "pool1").out()).contains("never been rolled");
        // and a wrong name is bad input
        assertThat(cli.run("rollout", "plan", "pool9").exit()).isEqualTo(2);
        assertThat(cli.run("rollout", "plan", "pool1", "--servers", "fe09").exit()).isEqualTo(2);
    }

    @Test
    void aRolloutRunsToTheEndAndItsExportedHistoryReplaysToTheSameStatus() {
        // when rolled with a patch step
        Cli.Result start = cli.run("rollout", "start", "pool1", "--reason", "KB5031", "--exec", "echo patched {server}");
        // then exit 0, a progress line per step on stderr, and the rollout completed
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(start.err()).contains("[batch 1/3] fe01: run the patch step: exit 0")
                .contains("[batch 3/3] fe03: restore startup type: 9 of 9 service(s) changed");
        Map<String, Object> status = cli.run("rollout", "status", "pool1", "--json").json();
        assertThat(status.get("status")).isEqualTo("COMPLETED");
        assertThat(Cli.list(status.get("servers"))).allSatisfy(s -> {
            assertThat(Cli.object(s).get("state")).isEqualTo("ROLLED");
            assertThat(Cli.object(Cli.object(s).get("patch")).get("outputTail"))
                    .isEqualTo("patched " + Cli.object(s).get("server"));
        });
        // and history shows the rollout's steps beside what they did
        assertThat(cli.run("history", "--server", "fe02").out()).contains("RolloutStepStarted", "RolloutPatchFinished",
                "reason: rollout 1 of pool1: KB5031");
        // and a replay of the exported history reaches the live status
        assertThat(cli.run("history", "--export", "night.jsonl").exit()).isZero();
        Object replayed = cli.run("replay", "night.jsonl", "--json").json().get("final");
        assertThat(replayed).isEqualTo(cli.run("status", "--json").json());
    }

    @Test
    void aFailedPatchStopsWithExit3AndNamesWhereEachServerWasLeft() {
        Cli.Result start = cli.run("rollout", "start", "pool1", "--exec", "echo no space left; exit 7");
        assertThat(start.exit()).as(start.toString()).isEqualTo(3);
        assertThat(start.out()).contains("PATCH_FAILED: the patch step of fe01 exited with 7")
                .contains("fe01  OFFLINE_PATCH_FAILED  patch exit 7").contains("fe02  UNTOUCHED");
        // the pool's rollout is over: fe01 may be handled by hand again
        assertThat(cli.run("start", "fe01").exit()).isZero();
    }

    @Test
    void abortStopsASuspendedRolloutWhereItIsAndFreesItsServers() {
        // given a rollout whose process stopped while fe01 was paused
        try (Quiesce q = Quiesce.open(QuiesceOptions.at(home.resolve("data")))) {
            RolloutOptions options = RolloutOptions.defaults();
            RolloutRunner runner = new RolloutRunner(q.rollouts(), new RolloutProgress() { }, () -> { }, PatchStep.shell());
            Act act = new Act(Principal.of("alice", "Administrators"), q.clock().instant(), null);
            runner.begin("pool1", options, q.rollouts().plan("pool1", options), act);
            for (RolloutStep step : List.of(RolloutStep.MANUAL_STARTUP, RolloutStep.PAUSE)) {
                q.rollouts().decide("pool1", new RolloutCommand.BeginStep("fe01", step, q.clock().instant()));
                q.rollouts().decide("pool1", new RolloutCommand.FinishStep("fe01", step, "done", q.clock().instant()));
            }
        }
        assertThat(cli.run("pause", "fe02").err()).contains("ROLLOUT_IN_PROGRESS");
        // when aborted
        Cli.Result abort = cli.run("rollout", "abort", "pool1", "--reason", "change freeze");
        // then it says where each server was left, and the servers are free again
        assertThat(abort.exit()).as(abort.toString()).isZero();
        assertThat(abort.out()).contains("aborted at").contains("ABORT_REQUESTED: aborted by alice (change freeze).")
                .contains("fe01  PAUSED_STARTUP_MANUAL").contains("fe02  UNTOUCHED");
        assertThat(cli.run("pause", "fe02").exit()).isZero();
        // and there is nothing left to abort or resume
        assertThat(cli.run("rollout", "abort", "pool1").err()).contains("NO_ROLLOUT");
        assertThat(cli.run("rollout", "resume", "pool1").exit()).isEqualTo(3);
    }
}
