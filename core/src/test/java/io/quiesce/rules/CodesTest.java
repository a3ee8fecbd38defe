package io.quiesce.rules;

import io.quiesce.auth.Authorization;
import io.quiesce.command.Act;
import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.command.Command.Pause;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecider;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutEvent;
import io.quiesce.rollout.RolloutGuard;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlanner;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStep;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.MALLORY;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.end;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.restart;
import static io.quiesce.rules.Scenario.serverDrained;
import static io.quiesce.rules.Scenario.serverOffline;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.start;
import static io.quiesce.rules.Scenario.startupChanged;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario per stable code: every rejection (but OVERLOADED, which the persistence layer gives)
 * and every warning is produced by some command. The rule files test each in context.
 */
class CodesTest {

    @ParameterizedTest
    @EnumSource(value = RejectionCode.class, names = "OVERLOADED", mode = EnumSource.Mode.EXCLUDE)
    void everyRejectionCodeIsProduced(RejectionCode code) {
        switch (code) {
            case NOT_AUTHORIZED -> threeServers().when(new Pause(FE01, null, null, false, Act.of(MALLORY, T0)))
                    .thenRejected(code);
            case INVALID_ARGUMENT -> threeServers().when(pause(FE01, FRONT_END, Duration.ZERO)).thenRejected(code);
            case UNKNOWN_POOL -> Scenario.scenario().when(new AddServer("nope", FE01, null, act()))
                    .thenRejected(code);
            case UNKNOWN_SERVER -> threeServers().when(stop("nope", null)).thenRejected(code);
            case UNKNOWN_SERVICE -> threeServers().when(start(FE01, "nope")).thenRejected(code);
            case UNKNOWN_SESSION -> threeServers().when(end("nope")).thenRejected(code);
            case UNKNOWN_FEATURE -> threeServers().when(connect("nope", "s1")).thenRejected(code);
            case UNKNOWN_ROLE -> pool(true).when(new AddServer(POOL, FE01, "nope", act())).thenRejected(code);
            case POOL_EXISTS -> pool(true).when(new CreatePool(POOL, true, act())).thenRejected(code);
            case SERVER_EXISTS -> threeServers().when(new AddServer(POOL, FE01, null, act())).thenRejected(code);
            case POOL_FULL -> pool(true, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
                    "p").when(new AddServer(POOL, "q", null, act())).thenRejected(code);
            case COMPONENT_NOT_PAUSABLE -> threeServers().when(pause(FE01, "Monitoring data collection agent"))
                    .thenRejected(code, "Lync Server Front-End");
            case SERVICE_OFFLINE -> threeServers().given(stopped(FE01, IM_CONF)).when(pause(FE01, IM_CONF))
                    .thenRejected(code);
            case STARTUP_DISABLED -> threeServers().given(stopped(FE01, IM_CONF),
                            startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.DISABLED))
                    .when(start(FE01, IM_CONF)).thenRejected(code);
            case SESSIONS_ACTIVE -> threeServers().given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                    .when(restart(FE01)).thenRejected(code);
            case DNS_LB_SESSIONS -> pool(false, FE01, FE02).given(sessionStarted(FE01, CALL_PARK, "p", "call-park"))
                    .when(stop(FE01, CALL_PARK)).thenRejected(code);
            case NOT_ACCEPTING -> {
                Scenario s = threeServers().given(paused(FE01, IM_CONF));
                assertThat(ServiceDecider.openSession(s.service(FE01, IM_CONF), "s1", "im-conferencing", false,
                        act()).refusal().code()).isEqualTo(code);
            }
            case DUPLICATE_SESSION -> threeServers().given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                    .when(connect("im", "s1")).thenRejected(code);
            case CAPACITY_GUARD -> pool(true, FE01).when(pause(FE01, null)).thenRejected(code);
            case QUORUM_GUARD -> threeServers().given(serverOffline(FE02)).when(stop(FE01, FRONT_END))
                    .thenRejected(code);
            case ROLLOUT_IN_PROGRESS -> assertThat(RolloutGuard.check(pause(FE01, null), rolloutUnderWay(false)))
                    .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(code));
            case ROLLOUT_NOT_POSSIBLE -> assertThat(new RolloutPlanner(Scenario.CATALOG)
                    .plan(pool(true, FE01).state(), POOL, RolloutOptions.defaults()).obstacles())
                    .extracting(Rejection::code).contains(code);
            case NO_ROLLOUT -> assertRolloutRefused(RolloutState.none(POOL), new RolloutCommand.Resume(false, act()),
                    code);
            case PATCH_UNFINISHED -> assertRolloutRefused(rolloutUnderWay(true), new RolloutCommand.Resume(false, act()),
                    code);
            default -> throw new AssertionError("no scenario for " + code);
        }
    }

    /** A rollout of fe01 under way; {@code patching}: its patch step started and not finished. */
    private static RolloutState rolloutUnderWay(boolean patching) {
        RolloutOptions options = RolloutOptions.defaults().withExec("patch {server}");
        RolloutState s = RolloutState.none(POOL).evolve(new RolloutEvent.RolloutStarted(T0, POOL, 1, options,
                List.of(List.of(FE01)), Map.of(), "admin", null));
        if (patching) {
            for (RolloutStep step : List.of(RolloutStep.MANUAL_STARTUP, RolloutStep.PAUSE, RolloutStep.DRAIN,
                    RolloutStep.STOP)) {
                s = s.evolve(List.of(new RolloutEvent.StepStarted(T0, POOL, 1, FE01, step),
                        new RolloutEvent.StepDone(T0, POOL, 1, FE01, step, "done")));
            }
            s = s.evolve(new RolloutEvent.StepStarted(T0, POOL, 1, FE01, RolloutStep.PATCH));
        }
        return s;
    }

    private static void assertRolloutRefused(RolloutState given, RolloutCommand when, RejectionCode code) {
        assertThat(new RolloutDecider(Authorization.defaults()).decide(given, when))
                .isInstanceOfSatisfying(RolloutDecision.Rejected.class, r ->
                        assertThat(r.rejection().code()).isEqualTo(code));
    }

    @ParameterizedTest
    @EnumSource(WarningCode.class)
    void everyWarningCodeIsProduced(WarningCode code) {
        Scenario s = switch (code) {
            case PAUSE_CLEARED_BY_RESTART -> threeServers().given(serverDrained(FE01)).when(restart(FE01));
            case DNS_LB_NOT_REROUTED -> pool(false, FE01, FE02).when(pause(FE01, CALL_PARK));
            case GUARD_OVERRIDDEN -> pool(true, FE01).when(new Pause(FE01, null, null, true, act()));
            case SESSIONS_INTERRUPTED -> threeServers().given(sessionStarted(FE01, IM_CONF, "s", "im-conferencing"))
                    .when(stopForced(FE01, IM_CONF));
        };
        s.accepted();
        s.thenWarned(code);
        assertThat(s.decision().warnings()).allSatisfy(w -> assertThat(w.message()).isNotBlank());
    }

    @Test
    void everyCodeHasAKindForTheCommandLine() {
        assertThat(RejectionCode.NOT_AUTHORIZED.kind()).isEqualTo(RejectionCode.Kind.NOT_AUTHORIZED);
        assertThat(RejectionCode.UNKNOWN_SERVER.kind()).isEqualTo(RejectionCode.Kind.BAD_INPUT);
        assertThat(RejectionCode.INVALID_ARGUMENT.kind()).isEqualTo(RejectionCode.Kind.BAD_INPUT);
        assertThat(RejectionCode.CAPACITY_GUARD.kind()).isEqualTo(RejectionCode.Kind.RULE);
        assertThat(RejectionCode.OVERLOADED.kind()).isEqualTo(RejectionCode.Kind.RULE);
        for (RejectionCode c : RejectionCode.values()) {
            assertThat(c.kind()).isNotNull();
        }
    }

    @Test
    void rejectionsAndWarningsPrintTheirCode() {
        assertThat(new Rejection(RejectionCode.QUORUM_GUARD, "too few").toString()).isEqualTo("QUORUM_GUARD: too few");
        assertThat(new Warning(WarningCode.GUARD_OVERRIDDEN, "forced").toString())
                .isEqualTo("GUARD_OVERRIDDEN: forced");
    }
}
