package io.quiesce.rules;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceResumed;
import io.quiesce.event.Event.ServiceStarted;
import io.quiesce.event.Event.ServiceStopped;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FE03;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.WEB_CONF;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.resume;
import static io.quiesce.rules.Scenario.serverDrained;
import static io.quiesce.rules.Scenario.serverOffline;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.start;
import static io.quiesce.rules.Scenario.startup;
import static io.quiesce.rules.Scenario.startupChanged;
import static io.quiesce.rules.Scenario.stop;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 10: pause, resume, stop, start and startup type addressed to a whole server. */
class WholeServerTest {

    @Test
    void pausingAnIdleServerDrainsEveryServiceWithOneOutcomeEach() {
        List<Event> expected = new ArrayList<>();
        List<ServiceOutcome> outcomes = new ArrayList<>();
        for (String service : ROLE.serviceNames()) {
            expected.add(new ServicePaused(T0, FE01, service, null, "admin", null));
            expected.add(new ServiceDrained(T0, FE01, service));
            outcomes.add(new ServiceOutcome(FE01, service, ServiceStatus.RUNNING, ServiceStatus.DRAINED, true, null));
        }
        Scenario s = threeServers()
                .when(pause(FE01, null))
                .thenEvents(expected.toArray(Event[]::new))
                .thenOutcomes(outcomes.toArray(ServiceOutcome[]::new));
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.DRAINED);
    }

    @Test
    void pausingAServerWithSessionsLeavesTheBusyServicePausing() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(pause(FE01, null))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING)
                .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED);
        assertThat(s.accepted().outcomes().get(0))
                .isEqualTo(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.RUNNING, ServiceStatus.PAUSING, true,
                        null));
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.PAUSING);
    }

    @Test
    void servicesAlreadyPausedOrOfflineAreReportedUnchangedNotAsErrors() {
        Scenario s = threeServers()
                .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF), stopped(FE01, WEB_CONF))
                .when(pause(FE01, null));
        assertThat(s.accepted().outcomes()).hasSize(9)
                .contains(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.DRAINED, false,
                                "already paused"),
                        new ServiceOutcome(FE01, WEB_CONF, ServiceStatus.OFFLINE, ServiceStatus.OFFLINE, false,
                                "offline: takes no connections"),
                        new ServiceOutcome(FE01, FRONT_END, ServiceStatus.RUNNING, ServiceStatus.DRAINED, true,
                                null));
        assertThat(s.accepted().events()).hasSize(14)
                .doesNotContain(new ServicePaused(T0, FE01, IM_CONF, null, "admin", null),
                        new ServicePaused(T0, FE01, WEB_CONF, null, "admin", null));
    }

    @Test
    void aServerAlreadyInTheAskedStateChangesNothing() {
        Scenario s = threeServers()
                .given(serverDrained(FE01))
                .when(pause(FE01, null))
                .thenNoEvents();
        assertThat(s.accepted().outcomes()).hasSize(9).noneMatch(ServiceOutcome::changed);
    }

    @Test
    void ifOneGuardRefusesNothingIsApplied() {
        // fe01 runs the last instance of Call Park, so pausing the whole server is refused
        threeServers()
                .given(paused(FE02, CALL_PARK), drained(FE02, CALL_PARK), paused(FE03, CALL_PARK),
                        drained(FE03, CALL_PARK))
                .when(pause(FE01, null))
                .thenRejected(RejectionCode.CAPACITY_GUARD, "Lync Server Call Park")
                .thenStatus(FE01, FRONT_END, ServiceStatus.RUNNING)
                .thenStatus(FE01, IM_CONF, ServiceStatus.RUNNING);
    }

    @Test
    void ifOneServiceRefusesNothingIsApplied() {
        threeServers()
                .given(serverDrained(FE01))
                .given(new io.quiesce.event.Event.ServiceResumed(T0, FE01, IM_CONF, "admin", null),
                        sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                .when(stop(FE01, null))
                .thenRejected(RejectionCode.SESSIONS_ACTIVE, "Lync Server IM Conferencing")
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED);
    }

    @Test
    void stoppingADrainedServerTakesEveryServiceOffline() {
        List<Event> expected = new ArrayList<>();
        for (String service : ROLE.serviceNames()) {
            expected.add(new ServiceStopped(T0, FE01, service, false, "admin", null));
        }
        Scenario s = threeServers()
                .given(serverDrained(FE01))
                .when(stop(FE01, null))
                .thenEvents(expected.toArray(Event[]::new))
                .thenWarnings();
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.OFFLINE);
        assertThat(s.server(FE01).isUp()).isFalse();
    }

    @Test
    void aForcedWholeServerStopInterruptsAndStopsEverything() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(stopForced(FE01, null))
                .thenWarnings(WarningCode.SESSIONS_INTERRUPTED);
        assertThat(s.server(FE01).status()).isEqualTo(ServiceStatus.OFFLINE);
        assertThat(s.accepted().events()).hasSize(10);
    }

    @Test
    void resumingAServerResumesThePausedAndLeavesTheOfflineAlone() {
        Scenario s = threeServers()
                .given(paused(FE01, FRONT_END), drained(FE01, FRONT_END), stopped(FE01, IM_CONF))
                .when(resume(FE01, null))
                .thenEvents(new ServiceResumed(T0, FE01, FRONT_END, "admin", null));
        assertThat(s.accepted().outcomes()).hasSize(9).contains(
                new ServiceOutcome(FE01, FRONT_END, ServiceStatus.DRAINED, ServiceStatus.RUNNING, true, null),
                new ServiceOutcome(FE01, IM_CONF, ServiceStatus.OFFLINE, ServiceStatus.OFFLINE, false,
                        "offline: start it to take connections"),
                new ServiceOutcome(FE01, WEB_CONF, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false,
                        "already running"));
    }

    @Test
    void startingAServerStartsTheOfflineExceptTheDisabled() {
        Scenario s = threeServers()
                .given(serverOffline(FE01))
                .given(startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.DISABLED),
                        new ServiceStarted(T0, FE01, WEB_CONF, "admin", null))
                .when(start(FE01, null))
                .thenStatus(FE01, FRONT_END, ServiceStatus.RUNNING)
                .thenStatus(FE01, IM_CONF, ServiceStatus.OFFLINE);
        assertThat(s.accepted().events()).hasSize(7).contains(new ServiceStarted(T0, FE01, CALL_PARK, "admin",
                null));
        assertThat(s.accepted().outcomes()).contains(
                new ServiceOutcome(FE01, IM_CONF, ServiceStatus.OFFLINE, ServiceStatus.OFFLINE, false,
                        "startup type is disabled"),
                new ServiceOutcome(FE01, WEB_CONF, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false,
                        "already running"));
    }

    @Test
    void settingTheStartupTypeOfAServerReportsEachService() {
        Scenario s = threeServers()
                .given(startupChanged(FE01, IM_CONF, StartupType.AUTOMATIC, StartupType.MANUAL))
                .when(startup(FE01, null, StartupType.MANUAL));
        assertThat(s.accepted().events()).hasSize(8)
                .contains(new StartupTypeChanged(T0, FE01, FRONT_END, StartupType.AUTOMATIC, StartupType.MANUAL,
                        "admin", null));
        assertThat(s.accepted().outcomes()).hasSize(9).contains(new ServiceOutcome(FE01, IM_CONF,
                ServiceStatus.RUNNING, ServiceStatus.RUNNING, false, "startup type already manual"));
        assertThat(s.server(FE01).services().values()).allSatisfy(svc ->
                assertThat(svc.startup()).isEqualTo(StartupType.MANUAL));
    }
}
