package io.quiesce.rules;

import io.quiesce.event.Event.ObservedSessionsInterrupted;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionsObserved;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.deadlinePassed;
import static io.quiesce.rules.Scenario.end;
import static io.quiesce.rules.Scenario.observe;
import static io.quiesce.rules.Scenario.observed;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.restart;
import static io.quiesce.rules.Scenario.restartForced;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.startup;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions counted by a load balancer instead of one by one: recorded on change, drain, guards. */
class ObservedSessionsTest {

    @Test
    void aChangedCountIsRecordedWithItsTime() {
        Scenario s = threeServers()
                .when(observe(FE01, "RTCSRV", 4))
                .thenEvents(new SessionsObserved(T0, FE01, FRONT_END, 4, "admin"));
        assertThat(s.service(FE01, FRONT_END).observed()).isEqualTo(4);
        assertThat(s.service(FE01, FRONT_END).sessionCount()).isEqualTo(4);
    }

    @Test
    void theSameCountAgainRecordsNothing() {
        threeServers()
                .given(observed(FE01, FRONT_END, 4))
                .when(observe(FE01, FRONT_END, 4))
                .thenNoEvents();
    }

    @Test
    void observedAndIndividualSessionsAddUp() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), observed(FE01, FRONT_END, 3));
        assertThat(s.service(FE01, FRONT_END).sessionCount()).isEqualTo(4);
        assertThat(s.server(FE01).sessionCount()).isEqualTo(4);
    }

    @Test
    void aPausedServiceWhoseCountFallsToZeroIsDrained() {
        Scenario s = threeServers()
                .given(observed(FE01, FRONT_END, 2), paused(FE01, FRONT_END))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING)
                .when(observe(FE01, FRONT_END, 0))
                .thenEvents(new SessionsObserved(T0, FE01, FRONT_END, 0, "admin"),
                        new ServiceDrained(T0, FE01, FRONT_END));
        assertThat(s.service(FE01, FRONT_END).status()).isEqualTo(ServiceStatus.DRAINED);
    }

    @Test
    void aZeroCountDoesNotDrainWhileIndividualSessionsRemain() {
        threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), observed(FE01, FRONT_END, 2),
                        paused(FE01, FRONT_END))
                .when(observe(FE01, FRONT_END, 0))
                .thenEvents(new SessionsObserved(T0, FE01, FRONT_END, 0, "admin"))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING);
    }

    @Test
    void theLastIndividualSessionDoesNotDrainWhileObservedOnesRemain() {
        threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), observed(FE01, FRONT_END, 1),
                        paused(FE01, FRONT_END))
                .when(end("s1"))
                .thenEvents(new SessionEnded(T0, FE01, FRONT_END, "s1", "admin"))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING);
    }

    @Test
    void pausingAServiceWithObservedSessionsLeavesItPausing() {
        threeServers()
                .given(observed(FE01, FRONT_END, 5))
                .when(pause(FE01, FRONT_END))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING);
    }

    @Test
    void connectionsReportedOnADrainedServiceMakeItPausingAgain() {
        threeServers()
                .given(paused(FE01, FRONT_END), new ServiceDrained(T0, FE01, FRONT_END))
                .when(observe(FE01, FRONT_END, 1))
                .thenEvents(new io.quiesce.event.Event.ServiceDrainingAgain(T0, FE01, FRONT_END),
                        new SessionsObserved(T0, FE01, FRONT_END, 1, "admin"))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING);
    }

    @Test
    void aStopIsRefusedWhileObservedSessionsRemain() {
        threeServers()
                .given(observed(FE01, FRONT_END, 2), paused(FE01, FRONT_END))
                .when(stop(FE01, FRONT_END))
                .thenRejected(RejectionCode.SESSIONS_ACTIVE, "2 session(s)");
    }

    @Test
    void aForcedStopInterruptsTheObservedSessions() {
        Scenario s = threeServers()
                .given(observed(FE01, FRONT_END, 2), paused(FE01, FRONT_END))
                .when(stopForced(FE01, FRONT_END))
                .thenEvents(new ObservedSessionsInterrupted(T0, FE01, FRONT_END, 2, InterruptionCause.FORCED_STOP),
                        new ServiceStopped(T0, FE01, FRONT_END, true, "admin", null))
                .thenWarned(WarningCode.SESSIONS_INTERRUPTED);
        assertThat(s.service(FE01, FRONT_END).sessionCount()).isZero();
        assertThat(s.decision().warnings()).anySatisfy(w -> assertThat(w.message()).contains("2 session(s)"));
    }

    @Test
    void aRestartIsRefusedWhileObservedSessionsRemain() {
        threeServers()
                .given(observed(FE01, IM_CONF, 1))
                .when(restart(FE01))
                .thenRejected(RejectionCode.SESSIONS_ACTIVE, "1 session(s)");
    }

    @Test
    void aForcedRestartInterruptsThemAndTheCountStartsAgainAtZero() {
        Scenario s = threeServers()
                .given(observed(FE01, IM_CONF, 3))
                .when(restartForced(FE01));
        assertThat(s.accepted().events()).contains(
                new ObservedSessionsInterrupted(T0, FE01, IM_CONF, 3, InterruptionCause.RESTART));
        assertThat(s.service(FE01, IM_CONF).observed()).isZero();
    }

    @Test
    void aPassedDeadlineCutsObservedSessionsAndDrains() {
        Scenario s = threeServers()
                .given(observed(FE01, FRONT_END, 2))
                .givenCommands(pause(FE01, FRONT_END, Duration.ofMinutes(5)))
                .when(deadlinePassed(FE01, FRONT_END, T0.plus(Duration.ofMinutes(5))));
        assertThat(s.accepted().events()).contains(new ObservedSessionsInterrupted(T0.plus(Duration.ofMinutes(5)),
                FE01, FRONT_END, 2, InterruptionCause.DRAIN_DEADLINE));
        assertThat(s.service(FE01, FRONT_END).status()).isEqualTo(ServiceStatus.DRAINED);
    }

    @Test
    void anOfflineServiceCannotBeReportedWithSessions() {
        threeServers()
                .given(paused(FE01, FRONT_END), new ServiceDrained(T0, FE01, FRONT_END), stopped(FE01, FRONT_END))
                .when(observe(FE01, FRONT_END, 3))
                .thenRejected(RejectionCode.SERVICE_OFFLINE, "load balancer");
    }

    @Test
    void aStoppedAndRestartedManualServiceStaysOfflineWithNoCount() {
        Scenario s = threeServers()
                .given(observed(FE01, FRONT_END, 1), paused(FE01, FRONT_END))
                .givenCommands(startup(FE01, null, StartupType.MANUAL), observe(FE01, FRONT_END, 0),
                        stop(FE01, FRONT_END), restart(FE01));
        assertThat(s.service(FE01, FRONT_END).status()).isEqualTo(ServiceStatus.OFFLINE);
        assertThat(s.service(FE01, FRONT_END).observed()).isZero();
    }

    @Test
    void routingCountsObservedSessionsAsLoad() {
        threeServers()
                .given(observed(FE01, FRONT_END, 5), observed(FE02, FRONT_END, 5))
                .when(connect("im", "s1"))
                .thenEvents(sessionStarted(Scenario.FE03, FRONT_END, "s1", "im"));
    }

    @Test
    void aNegativeCountOrAWholeServerIsBadInput() {
        threeServers().when(observe(FE01, FRONT_END, -1)).thenRejected(RejectionCode.INVALID_ARGUMENT);
        threeServers().when(observe(FE01, null, 1)).thenRejected(RejectionCode.INVALID_ARGUMENT);
        threeServers().when(observe(FE01, "nope", 1)).thenRejected(RejectionCode.UNKNOWN_SERVICE);
    }

    @Test
    void onlyAdministratorsFeedCounts() {
        threeServers()
                .when(new io.quiesce.command.Command.Observe(FE01, FRONT_END, 1,
                        io.quiesce.command.Act.of(Scenario.MALLORY, T0)))
                .thenRejected(RejectionCode.NOT_AUTHORIZED);
    }

    @Test
    void theStopPlanCountsObservedSessions() {
        Scenario s = threeServers().given(observed(FE02, FRONT_END, 2), paused(FE02, FRONT_END));
        assertThat(s.plan(FE02).stop().guards()).anySatisfy(r ->
                assertThat(r.code()).isEqualTo(RejectionCode.SESSIONS_ACTIVE));
    }
}
