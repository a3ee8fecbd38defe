package io.quiesce.internal.persistence;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.PauseOptions;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.event.Event;
import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.PatchOutcome;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStatus;
import io.quiesce.rollout.RolloutStep;
import io.quiesce.rollout.SafeState;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rollout driven on a real data directory, with time moved by hand. */
class RolloutRunnerTest {
    static final Principal ALICE = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
    final List<String> patched = new ArrayList<>();

    QuiesceOptions options() {
        return QuiesceOptions.at(dir).withClock(clock).withFsync(false);
    }

    static void threeServerPool(Quiesce q) {
        Operator alice = q.as(ALICE);
        alice.createPool("pool1", DnsLoadBalancing.ON);
        for (String server : List.of("fe01", "fe02", "fe03")) {
            alice.addServer("pool1", server);
        }
    }

    PatchStep recording(int exitCode) {
        return command -> {
            patched.add(command);
            return new PatchOutcome(exitCode, "patched " + command, Duration.ofSeconds(2));
        };
    }

    Act act() {
        return new Act(ALICE, clock.instant(), "KB5031");
    }

    RolloutDecision begin(Quiesce q, RolloutRunner runner, RolloutOptions options) {
        return runner.begin("pool1", options, q.rollouts().plan("pool1", options), act());
    }

    @Test
    void aRolloutWaitsForEachServerToDrainPatchesItOnceAndPutsItBack() {
        try (Quiesce q = Quiesce.open(options())) {
            // given a three-server pool with a call on fe01 and fe02 set to manual startup on its core service
            threeServerPool(q);
            q.as(ALICE).connect("pool1", "calls", "call-1");
            q.as(ALICE).setStartup(Target.service("fe02", FE), StartupType.MANUAL);
            // and a pace that ends the call after a minute of waiting
            RolloutRunner.Pace pace = () -> {
                clock.advance(Duration.ofSeconds(30));
                if (clock.instant().isAfter(Instant.parse("2026-11-26T10:01:00Z"))
                        && q.status().serviceWithSession("call-1").isPresent()) {
                    q.as(ALICE).end("call-1");
                }
            };
            RolloutRunner runner = new RolloutRunner(q.rollouts(), new RolloutProgress() { }, pace, recording(0));
            // when rolled with a patch step
            RolloutDecision started = begin(q, runner, RolloutOptions.defaults().withExec("patch {server}"));
            assertThat(started).isInstanceOf(RolloutDecision.Accepted.class);
            RolloutState end = runner.drive("pool1");
            // then it completes, each server patched once, in order
            assertThat(end.status()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(patched).containsExactly("patch fe01", "patch fe02", "patch fe03");
            // and every server is running with its earlier startup types, the call having ended naturally
            Deployment d = q.status();
            d.serversOf("pool1").forEach(s -> assertThat(s.services().values())
                    .allSatisfy(svc -> assertThat(svc.status()).isEqualTo(ServiceStatus.RUNNING)));
            assertThat(d.server("fe02").orElseThrow().service(FE).startup()).isEqualTo(StartupType.MANUAL);
            assertThat(d.server("fe01").orElseThrow().service(FE).startup()).isEqualTo(StartupType.AUTOMATIC);
            List<Event> history = q.history();
            assertThat(history).noneMatch(e -> e instanceof Event.SessionInterrupted);
            assertThat(history).filteredOn(e -> e instanceof Event.ServiceStopped s && s.server().equals("fe01"))
                    .hasSize(9);
        }
    }

    @Test
    void aCommandOnAServerUnderRolloutIsRefusedUnlessForcedAndTheRolloutSurvivesAReopen() {
        try (Quiesce q = Quiesce.open(options())) {
            // given a rollout whose process dies while fe01's patch runs
            threeServerPool(q);
            RolloutRunner dying = new RolloutRunner(q.rollouts(), new RolloutProgress() { }, () -> { }, command -> {
                patched.add(command);
                throw new IllegalStateException("process killed");
            });
            begin(q, dying, RolloutOptions.defaults().withExec("patch {server}"));
            assertThatThrownBy(() -> dying.drive("pool1")).hasMessage("process killed");
        }
        try (Quiesce q = Quiesce.open(options())) {
            // when the directory is opened again
            RolloutState s = q.rollouts().state("pool1");
            // then the rollout is still under way, at fe01's patch step, started and unfinished
            assertThat(s.status()).isEqualTo(RolloutStatus.IN_PROGRESS);
            assertThat(s.next()).contains(new RolloutState.Next("fe01", RolloutStep.PATCH));
            assertThat(s.safeState("fe01")).isEqualTo(SafeState.OFFLINE_PATCH_UNFINISHED);
            // and an unforced command on a server of it is refused, a forced one is not
            Decision refused = q.as(ALICE).pause(Target.server("fe02"));
            assertThat(refused).isInstanceOfSatisfying(Decision.Rejected.class, r ->
                    assertThat(r.rejection().code()).isEqualTo(RejectionCode.ROLLOUT_IN_PROGRESS));
            assertThat(q.as(ALICE).start(Target.server("fe01"))).isInstanceOf(Decision.Rejected.class);
            assertThat(q.as(ALICE).pause(Target.server("fe02"), PauseOptions.untilDrained().forced())).isInstanceOf(Decision.Accepted.class);
            q.as(ALICE).resume(Target.server("fe02")); // refused too: the forced pause stays, the rollout resumes it later

            RolloutRunner runner = new RolloutRunner(q.rollouts(), new RolloutProgress() { }, () -> { }, recording(0));
            // when resumed without consent: refused, nothing re-run
            assertThat(runner.resume("pool1", false, act())).isInstanceOfSatisfying(RolloutDecision.Rejected.class,
                    r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.PATCH_UNFINISHED));
            // when resumed with consent: fe01's patch runs again, then the rest, each once
            assertThat(runner.resume("pool1", true, act())).isInstanceOf(RolloutDecision.Accepted.class);
            assertThat(runner.drive("pool1").status()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(patched).containsExactly("patch fe01", "patch fe01", "patch fe02", "patch fe03");
            // and afterwards nothing is refused for the rollout any more
            assertThat(q.as(ALICE).pause(Target.server("fe02"))).isInstanceOf(Decision.Accepted.class);
        }
    }

    @Test
    void aFailedPatchStopsTheRolloutLeavingThatServerOfflineAndManual() {
        try (Quiesce q = Quiesce.open(options())) {
            threeServerPool(q);
            RolloutRunner runner = new RolloutRunner(q.rollouts(), new RolloutProgress() { }, () -> { }, recording(4));
            begin(q, runner, RolloutOptions.defaults().withExec("patch {server}"));
            RolloutState end = runner.drive("pool1");
            assertThat(end.status()).isEqualTo(RolloutStatus.ABORTED);
            assertThat(end.endCode()).isEqualTo("PATCH_FAILED");
            assertThat(end.left()).containsEntry("fe01", SafeState.OFFLINE_PATCH_FAILED)
                    .containsEntry("fe02", SafeState.UNTOUCHED);
            assertThat(patched).containsExactly("patch fe01");
            assertThat(q.status().server("fe01").orElseThrow().services().values()).allSatisfy(svc -> {
                assertThat(svc.status()).isEqualTo(ServiceStatus.OFFLINE);
                assertThat(svc.startup()).isEqualTo(StartupType.MANUAL);
            });
        }
    }

    @Test
    void aDrainTimeoutWithForceInterruptsOnlyTheSessionsLeftAndKeepsQuorum() {
        try (Quiesce q = Quiesce.open(options())) {
            threeServerPool(q);
            q.as(ALICE).connect("pool1", "calls", "call-1");   // lands on fe01
            RolloutRunner runner = new RolloutRunner(q.rollouts(), new RolloutProgress() { },
                    () -> clock.advance(Duration.ofMinutes(1)), recording(0));
            RolloutOptions options = RolloutOptions.defaults().withServers(List.of("fe01"))
                    .withDrainTimeout(Duration.ofMinutes(5), OnTimeout.FORCE);
            begin(q, runner, options);
            assertThat(runner.drive("pool1").status()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(q.history()).filteredOn(e -> e instanceof Event.SessionInterrupted)
                    .extracting(e -> ((Event.SessionInterrupted) e).session()).containsExactly("call-1");
        }
    }
}
