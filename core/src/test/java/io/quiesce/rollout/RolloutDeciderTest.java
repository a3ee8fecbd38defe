package io.quiesce.rollout;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.rollout.RolloutCommand.Abort;
import io.quiesce.rollout.RolloutCommand.Begin;
import io.quiesce.rollout.RolloutCommand.BeginStep;
import io.quiesce.rollout.RolloutCommand.DrainTimeout;
import io.quiesce.rollout.RolloutCommand.FinishPatch;
import io.quiesce.rollout.RolloutCommand.FinishStep;
import io.quiesce.rollout.RolloutCommand.Resume;
import io.quiesce.rollout.RolloutCommand.StepRefused;
import io.quiesce.rollout.RolloutEvent.RolloutAborted;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.quiesce.rollout.RolloutStep.DRAIN;
import static io.quiesce.rollout.RolloutStep.MANUAL_STARTUP;
import static io.quiesce.rollout.RolloutStep.PATCH;
import static io.quiesce.rollout.RolloutStep.PAUSE;
import static io.quiesce.rollout.RolloutStep.STOP;
import static org.assertj.core.api.Assertions.assertThat;

/** Given a rollout's events / when a command / then the events or the refusal. */
class RolloutDeciderTest {
    private static final Instant T = Pools.T0;
    private final RolloutDecider decider = new RolloutDecider(Authorization.defaults());
    private RolloutState state = RolloutState.none("pool1");

    private RolloutDecision when(RolloutCommand c) {
        return decider.decide(state, c);
    }

    /** Decides a command that must be accepted and folds its events. */
    private List<RolloutEvent> given(RolloutCommand c) {
        RolloutDecision d = when(c);
        assertThat(d).as("given %s", c).isInstanceOf(RolloutDecision.Accepted.class);
        List<RolloutEvent> events = ((RolloutDecision.Accepted) d).events();
        state = state.evolve(events);
        return events;
    }

    private void started(RolloutOptions options, String... servers) {
        Deployment d = Pools.pool(true, "fe01", "fe02", "fe03");
        RolloutPlan plan = new RolloutPlanner(Pools.CATALOG).plan(d, "pool1", options.withServers(List.of(servers)));
        Map<String, ServerBefore> before = new java.util.LinkedHashMap<>();
        for (String s : servers) {
            before.put(s, ServerBefore.of(d.server(s).orElseThrow()));
        }
        given(new Begin(options, plan.schedule(), before, Pools.act(0)));
    }

    /** Takes every step up to (not including) {@code until} of {@code server}. */
    private void stepsUntil(String server, RolloutStep until) {
        while (state.next().isPresent() && !state.next().get().equals(new RolloutState.Next(server, until))) {
            RolloutState.Next n = state.next().get();
            given(new BeginStep(n.server(), n.step(), T));
            given(n.step() == PATCH ? new FinishPatch(n.server(), 0, "ok", Duration.ofSeconds(3), T)
                    : new FinishStep(n.server(), n.step(), "done", T));
        }
    }

    @Test
    void aRolloutTakesEachServerThroughEveryStepInOrderThenCompletes() {
        // given a rollout of fe01 and fe02 with a patch step
        started(RolloutOptions.defaults().withExec("patch {server}"), "fe01", "fe02");
        // when every step is taken as the rollout asks
        List<RolloutState.Next> taken = new ArrayList<>();
        List<RolloutEvent> last = List.of();
        while (state.next().isPresent()) {
            RolloutState.Next n = state.next().get();
            taken.add(n);
            given(new BeginStep(n.server(), n.step(), T));
            last = given(n.step() == PATCH ? new FinishPatch(n.server(), 0, "ok", Duration.ofSeconds(3), T)
                    : new FinishStep(n.server(), n.step(), "done", T));
        }
        // then fe01 goes through all eight steps, then fe02, and the rollout completes
        assertThat(taken).hasSize(16);
        assertThat(taken.subList(0, 8)).extracting(RolloutState.Next::step).containsExactly(RolloutStep.values());
        assertThat(taken.subList(8, 16)).allSatisfy(n -> assertThat(n.server()).isEqualTo("fe02"));
        assertThat(last).last().isInstanceOf(RolloutEvent.RolloutCompleted.class);
        assertThat(state.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(state.safeStates()).containsEntry("fe01", SafeState.ROLLED).containsEntry("fe02", SafeState.ROLLED);
    }

    @Test
    void withoutAPatchCommandThereIsNoPatchStep() {
        started(RolloutOptions.defaults(), "fe01");
        assertThat(state.steps()).doesNotContain(PATCH).hasSize(7);
    }

    @Test
    void aStepIsNeverStartedTwiceNorOutOfOrder() {
        // given the pause of fe01 started
        started(RolloutOptions.defaults(), "fe01", "fe02");
        stepsUntil("fe01", PAUSE);
        given(new BeginStep("fe01", PAUSE, T));
        // when it is started again, or a later step is started
        // then both are refused and nothing is recorded
        assertThat(when(new BeginStep("fe01", PAUSE, T))).isInstanceOf(RolloutDecision.Rejected.class);
        assertThat(when(new BeginStep("fe01", STOP, T))).isInstanceOf(RolloutDecision.Rejected.class);
        assertThat(when(new FinishStep("fe01", STOP, "x", T))).isInstanceOf(RolloutDecision.Rejected.class);
    }

    @Test
    void aSecondRolloutOfTheSamePoolIsRefusedWhileOneIsUnderWay() {
        started(RolloutOptions.defaults(), "fe01");
        RolloutDecision d = when(new Begin(RolloutOptions.defaults(), List.of(List.of("fe02")), Map.of(), Pools.act(1)));
        assertThat(d).isInstanceOfSatisfying(RolloutDecision.Rejected.class, r ->
                assertThat(r.rejection().code()).isEqualTo(RejectionCode.ROLLOUT_IN_PROGRESS));
    }

    @Test
    void aPatchStepCutShortIsRunAgainOnlyWithConsent() {
        // given the process died while fe01's patch ran: started, never finished
        started(RolloutOptions.defaults().withExec("patch {server}"), "fe01");
        stepsUntil("fe01", PATCH);
        given(new BeginStep("fe01", PATCH, T));
        // when resumed without consent: refused, naming the server
        RolloutDecision plain = when(new Resume(false, Pools.act(5)));
        assertThat(plain).isInstanceOfSatisfying(RolloutDecision.Rejected.class, r -> {
            assertThat(r.rejection().code()).isEqualTo(RejectionCode.PATCH_UNFINISHED);
            assertThat(r.rejection().message()).contains("--rerun-unfinished");
        });
        // when resumed with consent: the patch step may start again
        given(new Resume(true, Pools.act(6)));
        assertThat(when(new BeginStep("fe01", PATCH, T))).isInstanceOf(RolloutDecision.Accepted.class);
    }

    @Test
    void aResumedRolloutCarriesOnAtTheStepItWasOn() {
        // given the process died during fe01's stop
        started(RolloutOptions.defaults(), "fe01", "fe02");
        stepsUntil("fe01", STOP);
        given(new BeginStep("fe01", STOP, T));
        // when resumed
        given(new Resume(false, Pools.act(5)));
        // then the stop of fe01 is still the step under way, to be done, not started again
        assertThat(state.next()).contains(new RolloutState.Next("fe01", STOP));
        assertThat(state.inProgress()).isTrue();
        assertThat(when(new FinishStep("fe01", STOP, "stopped", T))).isInstanceOf(RolloutDecision.Accepted.class);
    }

    @Test
    void aFailedPatchAbortsLeavingThatServerOfflineAndManual() {
        started(RolloutOptions.defaults().withExec("patch {server}"), "fe01", "fe02");
        stepsUntil("fe01", PATCH);
        given(new BeginStep("fe01", PATCH, T));
        List<RolloutEvent> events = given(new FinishPatch("fe01", 3, "disk full", Duration.ofSeconds(9), T));
        assertThat(events).last().isInstanceOfSatisfying(RolloutAborted.class, a -> {
            assertThat(a.code()).isEqualTo(RolloutDecider.PATCH_FAILED);
            assertThat(a.left()).containsEntry("fe01", SafeState.OFFLINE_PATCH_FAILED)
                    .containsEntry("fe02", SafeState.UNTOUCHED);
        });
        assertThat(state.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(state.patches().get("fe01").outputTail()).isEqualTo("disk full");
    }

    @Test
    void anAbortAskedDuringAStepStopsAfterIt() {
        // given fe01's pause under way
        started(RolloutOptions.defaults(), "fe01", "fe02");
        stepsUntil("fe01", PAUSE);
        given(new BeginStep("fe01", PAUSE, T));
        // when an abort is asked while a process drives the rollout
        List<RolloutEvent> asked = given(new Abort(true, Pools.act(3)));
        // then it is only recorded as asked; the pause finishes, then the rollout stops
        assertThat(asked).singleElement().isInstanceOf(RolloutEvent.AbortRequested.class);
        List<RolloutEvent> after = given(new FinishStep("fe01", PAUSE, "paused", T));
        assertThat(after).last().isInstanceOfSatisfying(RolloutAborted.class, a ->
                assertThat(a.left()).containsEntry("fe01", SafeState.PAUSED_STARTUP_MANUAL));
    }

    @Test
    void anAbortOfARolloutNobodyDrivesStopsAtOnce() {
        started(RolloutOptions.defaults(), "fe01");
        stepsUntil("fe01", DRAIN);
        List<RolloutEvent> events = given(new Abort(false, Pools.act(3)));
        assertThat(events).last().isInstanceOf(RolloutAborted.class);
        assertThat(when(new Resume(false, Pools.act(4)))).isInstanceOfSatisfying(RolloutDecision.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.NO_ROLLOUT));
    }

    @Test
    void aDrainTimeoutWaitsForcesOrAbortsAsChosen() {
        for (OnTimeout choice : OnTimeout.values()) {
            state = RolloutState.none("pool1");
            started(RolloutOptions.defaults().withDrainTimeout(Duration.ofMinutes(30), choice), "fe01");
            stepsUntil("fe01", DRAIN);
            given(new BeginStep("fe01", DRAIN, T));
            List<RolloutEvent> events = given(new DrainTimeout("fe01", T.plusSeconds(1800)));
            assertThat(events.get(0)).isInstanceOf(RolloutEvent.DrainTimedOut.class);
            assertThat(state.status()).as("%s", choice)
                    .isEqualTo(choice == OnTimeout.ABORT ? RolloutStatus.ABORTED : RolloutStatus.IN_PROGRESS);
            // a second timeout of the same drain records nothing more
            if (choice != OnTimeout.ABORT) {
                assertThat(given(new DrainTimeout("fe01", T.plusSeconds(1900)))).isEmpty();
            }
        }
    }

    @Test
    void aRefusedStepStopsTheRolloutWithTheRefusalsCode() {
        started(RolloutOptions.defaults(), "fe01");
        stepsUntil("fe01", STOP);
        given(new BeginStep("fe01", STOP, T));
        List<RolloutEvent> events = given(new StepRefused("fe01", STOP,
                new Rejection(RejectionCode.QUORUM_GUARD, "stopping fe01 would leave..."), T));
        assertThat(events).singleElement().isInstanceOfSatisfying(RolloutAborted.class, a ->
                assertThat(a.code()).isEqualTo("QUORUM_GUARD"));
    }

    @Test
    void onlyAdministratorsStartResumeOrAbort() {
        Act mallory = new Act(Principal.of("mallory"), T, null);
        assertThat(when(new Begin(RolloutOptions.defaults(), List.of(List.of("fe01")), Map.of(), mallory)))
                .isInstanceOfSatisfying(RolloutDecision.Rejected.class, r ->
                        assertThat(r.rejection().code()).isEqualTo(RejectionCode.NOT_AUTHORIZED));
        started(RolloutOptions.defaults(), "fe01");
        assertThat(when(new Abort(false, mallory))).isInstanceOf(RolloutDecision.Rejected.class);
    }
}
