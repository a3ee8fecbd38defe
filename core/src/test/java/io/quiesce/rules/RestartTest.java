package io.quiesce.rules;

import io.quiesce.command.Command.Restart;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ServerRestarted;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.quiesce.rules.Scenario.ADMIN;
import static io.quiesce.rules.Scenario.AV_CONF;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.WEB_CONF;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.restart;
import static io.quiesce.rules.Scenario.restartForced;
import static io.quiesce.rules.Scenario.serverDrained;
import static io.quiesce.rules.Scenario.serverOffline;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.startupChanged;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 9: restart (a simulated reboot). */
class RestartTest {

    /** ServiceRestarted for every service of fe01, from the given status to RUNNING. */
    private static List<Event> everyServiceBackRunning(ServiceStatus from, boolean pauseCleared) {
        List<Event> events = new ArrayList<>();
        for (String service : ROLE.serviceNames()) {
            events.add(new ServiceRestarted(T0, FE01, service, from, ServiceStatus.RUNNING, pauseCleared));
        }
        return events;
    }

    @Test
    void anIdleRunningServerComesBackRunning() {
        List<Event> expected = new ArrayList<>();
        expected.add(new ServerRestarted(T0, FE01, false, "admin", null));
        expected.addAll(everyServiceBackRunning(ServiceStatus.RUNNING, false));
        Scenario s = threeServers()
                .when(restart(FE01))
                .thenEvents(expected.toArray(Event[]::new))
                .thenWarnings();
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(s.accepted().outcomes()).hasSize(9).allSatisfy(o -> {
            assertThat(o.before()).isEqualTo(ServiceStatus.RUNNING);
            assertThat(o.after()).isEqualTo(ServiceStatus.RUNNING);
            assertThat(o.changed()).isTrue();
        });
    }

    @Test
    void aServerWithSessionsIsRefused() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), sessionStarted(FE01, IM_CONF, "s2",
                        "im-conferencing"))
                .when(restart(FE01))
                .thenRejected(RejectionCode.SESSIONS_ACTIVE);
        assertThat(s.rejection().message()).isEqualTo("fe01 still has 2 session(s): pause it and wait until it is"
                + " drained, or force the restart to interrupt them.");
    }

    @Test
    void aServerAlreadyDrainingIsOnlyAdvisedToWait() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .givenCommands(Scenario.pause(FE01, null))
                .when(restart(FE01))
                .thenRejected(RejectionCode.SESSIONS_ACTIVE);
        assertThat(s.rejection().message()).isEqualTo("fe01 still has 1 session(s): wait until it is drained, or"
                + " force the restart to interrupt them.");
    }

    @Test
    void aForcedRestartInterruptsEverySession() {
        List<Event> expected = new ArrayList<>();
        expected.add(new ServerRestarted(T0, FE01, true, "admin", null));
        for (String service : ROLE.serviceNames()) {
            if (service.equals(FRONT_END)) {
                expected.add(new SessionInterrupted(T0, FE01, FRONT_END, "s1", "im", InterruptionCause.RESTART));
            }
            if (service.equals(IM_CONF)) {
                expected.add(new SessionInterrupted(T0, FE01, IM_CONF, "s2", "im-conferencing",
                        InterruptionCause.RESTART));
            }
            expected.add(new ServiceRestarted(T0, FE01, service, ServiceStatus.RUNNING, ServiceStatus.RUNNING,
                    false));
        }
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), sessionStarted(FE01, IM_CONF, "s2",
                        "im-conferencing"))
                .when(restartForced(FE01))
                .thenEvents(expected.toArray(Event[]::new))
                .thenWarnings(WarningCode.GUARD_OVERRIDDEN, WarningCode.SESSIONS_INTERRUPTED);
        assertThat(s.server(FE01).sessionCount()).isZero();
        assertThat(s.decision().warnings().get(1).message()).isEqualTo("forced: 2 session(s) interrupted.");
        assertThat(s.decision().warnings().get(0).message())
                .isEqualTo("forced: restarting fe01 interrupts its 2 session(s).");
    }

    @Test
    void automaticManualAndDisabledServicesComeBackAsTheirStartupTypeSays() {
        Scenario s = threeServers()
                .given(serverDrained(FE01))
                .given(startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.MANUAL),
                        startupChanged(FE01, AV_CONF, StartupType.AUTOMATIC, StartupType.DISABLED),
                        stopped(FE01, WEB_CONF),
                        startupChanged(FE01, WEB_CONF, StartupType.AUTOMATIC, StartupType.MANUAL))
                .when(restart(FE01));
        assertThat(s.accepted().events()).contains(
                new ServiceRestarted(T0, FE01, FRONT_END, ServiceStatus.DRAINED, ServiceStatus.RUNNING, true),
                new ServiceRestarted(T0, FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.OFFLINE, false),
                new ServiceRestarted(T0, FE01, AV_CONF, ServiceStatus.DRAINED, ServiceStatus.OFFLINE, false),
                new ServiceRestarted(T0, FE01, WEB_CONF, ServiceStatus.OFFLINE, ServiceStatus.OFFLINE, false));
        s.thenStatus(FE01, FRONT_END, ServiceStatus.RUNNING)
                .thenStatus(FE01, IM_CONF, ServiceStatus.OFFLINE)
                .thenStatus(FE01, AV_CONF, ServiceStatus.OFFLINE)
                .thenStatus(FE01, WEB_CONF, ServiceStatus.OFFLINE);
        assertThat(s.accepted().outcomes()).contains(
                new ServiceOutcome(FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.OFFLINE, true, null));
    }

    @Test
    void anOfflineAutomaticServiceComesBackRunning() {
        threeServers()
                .given(stopped(FE01, IM_CONF))
                .when(restart(FE01))
                .thenStatus(FE01, IM_CONF, ServiceStatus.RUNNING)
                .thenWarnings();
    }

    @Test
    void aPauseDoesNotSurviveTheRestartAndTheServerTakesConnectionsAtOnce() {
        List<Event> expected = new ArrayList<>();
        expected.add(new ServerRestarted(T0, FE01, false, "admin", null));
        expected.addAll(everyServiceBackRunning(ServiceStatus.DRAINED, true));
        Scenario s = Scenario.pool(true, FE01, "fe02", "fe03")
                .given(serverDrained(FE01))
                // fe02 and fe03 are busier, so a new connection goes to fe01 again
                .given(sessionStarted("fe02", FRONT_END, "a", "im"), sessionStarted("fe03", FRONT_END, "b", "im"))
                .when(new Restart(FE01, false, Scenario.act()))
                .thenEvents(expected.toArray(Event[]::new))
                .thenWarned(WarningCode.PAUSE_CLEARED_BY_RESTART);
        assertThat(s.decision().warnings()).hasSize(9)
                .allSatisfy(w -> assertThat(w.code()).isEqualTo(WarningCode.PAUSE_CLEARED_BY_RESTART));
        assertThat(s.decision().warnings().get(0).message()).isEqualTo("Lync Server Front-End on fe01 is paused"
                + " but starts automatically: the restart clears the pause and it takes new connections at once;"
                + " set its startup type to manual first to keep it out.");
        s.when(connect("im", "s1")).thenEvents(new SessionStarted(T0, FE01, FRONT_END, "s1", "im", "admin"));
    }

    @Test
    void aPausedManualServiceStaysOutAndIsNotWarnedAbout() {
        threeServers()
                .given(Scenario.paused(FE01, IM_CONF), Scenario.drained(FE01, IM_CONF),
                        startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.MANUAL))
                .when(restart(FE01))
                .thenWarnings()
                .thenStatus(FE01, IM_CONF, ServiceStatus.OFFLINE);
    }

    @Test
    void aPausedDisabledServiceIsNotWarnedAbout() {
        Scenario s = threeServers()
                .given(Scenario.paused(FE01, IM_CONF), Scenario.drained(FE01, IM_CONF),
                        startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.DISABLED))
                .when(restart(FE01))
                .thenWarnings();
        assertThat(s.accepted().events()).contains(
                new ServiceRestarted(T0, FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.OFFLINE, false));
    }

    @Test
    void aRestartRecordsWhoAndWhy() {
        Scenario s = threeServers()
                .when(new Restart(FE01, false, new io.quiesce.command.Act(ADMIN, T0, "KB5001")));
        assertThat(s.accepted().events().get(0)).isEqualTo(new ServerRestarted(T0, FE01, false, "admin", "KB5001"));
    }

    @Test
    void anOfflineServerIsRestarted() {
        Scenario s = threeServers()
                .given(serverOffline(FE01))
                .when(restart(FE01))
                .thenWarnings();
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.RUNNING);
    }

    @Test
    void anUnknownServerIsRefused() {
        threeServers()
                .when(restart("fe99"))
                .thenRejected(RejectionCode.UNKNOWN_SERVER);
    }
}
