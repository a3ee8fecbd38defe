package io.quiesce.rules;

import io.quiesce.command.Act;
import io.quiesce.command.Command.Pause;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static io.quiesce.rules.Scenario.ADMIN;
import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static io.quiesce.rules.Scenario.drained;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.paused;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopped;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 1: pause. */
class PauseTest {

    @Test
    void pausingARunningServiceWithSessionsLeavesItPausing() {
        threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(pause(FE01, FRONT_END))
                .thenEvents(new ServicePaused(T0, FE01, FRONT_END, null, "admin", null))
                .thenStatus(FE01, FRONT_END, ServiceStatus.PAUSING)
                .thenOutcomes(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.RUNNING, ServiceStatus.PAUSING,
                        true, null));
    }

    @Test
    void pausingARunningServiceWithoutSessionsDrainsItAtOnce() {
        Scenario s = threeServers()
                .when(pause(FE01, IM_CONF))
                .thenEvents(new ServicePaused(T0, FE01, IM_CONF, null, "admin", null),
                        new ServiceDrained(T0, FE01, IM_CONF))
                .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED)
                .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.RUNNING, ServiceStatus.DRAINED,
                        true, null));
        assertThat(s.service(FE01, IM_CONF).since()).isEqualTo(T0);
        assertThat(s.decision().warnings()).isEmpty();
    }

    @Test
    void pausingAPausingServiceChangesNothingAndSaysSo() {
        threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), paused(FE01, FRONT_END))
                .when(pause(FE01, FRONT_END))
                .thenNoEvents()
                .thenOutcomes(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.PAUSING, ServiceStatus.PAUSING,
                        false, "already paused"));
    }

    @Test
    void pausingADrainedServiceChangesNothingAndSaysSo() {
        threeServers()
                .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF))
                .when(pause(FE01, IM_CONF))
                .thenNoEvents()
                .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.DRAINED,
                        false, "already paused"));
    }

    @Test
    void pausingAnOfflineServiceIsRefused() {
        threeServers()
                .given(paused(FE01, IM_CONF), drained(FE01, IM_CONF), stopped(FE01, IM_CONF))
                .when(pause(FE01, IM_CONF))
                .thenRejected(RejectionCode.SERVICE_OFFLINE, "start it first");
    }

    @Test
    void thePauseRecordsWhoAndWhy() {
        threeServers()
                .when(new Pause(FE01, CALL_PARK, null, false, new Act(ADMIN, T0, "patch Tuesday")))
                .thenEvents(new ServicePaused(T0, FE01, CALL_PARK, null, "admin", "patch Tuesday"),
                        new ServiceDrained(T0, FE01, CALL_PARK));
    }

    @Test
    void aPauseDeadlineIsRecordedAsAnInstant() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(pause(FE01, FRONT_END, Duration.ofMinutes(30)))
                .thenEvents(new ServicePaused(T0, FE01, FRONT_END, T0.plusSeconds(1800), "admin", null));
        assertThat(s.service(FE01, FRONT_END).deadline()).isEqualTo(T0.plusSeconds(1800));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT5M"})
    void aPauseDeadlineMustBePositive(String deadline) {
        threeServers()
                .when(pause(FE01, FRONT_END, Duration.parse(deadline)))
                .thenRejected(RejectionCode.INVALID_ARGUMENT, "a pause deadline must be more than zero and at most"
                        + " 30 days (720h) away, not " + Duration.parse(deadline) + ": give one in that range.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P30DT1S", "P31D", "PT2562047788015215H30M7S"})
    void aPauseDeadlineIsAtMostThirtyDaysAwayWithTheSameMessage(String deadline) {
        threeServers()
                .when(pause(FE01, FRONT_END, Duration.parse(deadline)))
                .thenRejected(RejectionCode.INVALID_ARGUMENT, "a pause deadline must be more than zero and at most"
                        + " 30 days (720h) away, not " + Duration.parse(deadline) + ": give one in that range.");
    }

    @Test
    void aPauseDeadlineOfExactlyThirtyDaysIsAccepted() {
        threeServers()
                .when(pause(FE01, FRONT_END, Duration.ofDays(30)))
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED);
    }

    @Test
    void aPauseDeadlineBeyondTheEndOfTimeIsRefused() {
        Instant nearTheEnd = Instant.MAX.minus(Duration.ofHours(1));
        threeServers()
                .when(new Pause(FE01, FRONT_END, Duration.ofHours(2), false, Scenario.act(nearTheEnd)))
                .thenRejected(RejectionCode.INVALID_ARGUMENT, "shorter");
    }

    @Test
    void aComponentCannotBePausedOnItsOwn() {
        threeServers()
                .when(pause(FE01, "Monitoring data collection agent"))
                .thenRejected(RejectionCode.COMPONENT_NOT_PAUSABLE, "Lync Server Front-End");
    }

    @Test
    void theComponentRefusalNamesTheWindowsServiceToUseWhateverTheCase() {
        Scenario s = threeServers()
                .when(pause(FE01, "front-end"))
                .thenRejected(RejectionCode.COMPONENT_NOT_PAUSABLE);
        assertThat(s.rejection().message())
                .isEqualTo("front-end is part of the Windows service Lync Server Front-End and cannot be handled"
                        + " on its own: pause Lync Server Front-End instead.");
    }

    @Test
    void anUnknownServiceIsRefusedWithAHint() {
        Scenario s = threeServers()
                .when(pause(FE01, "Lync Server Mediation"))
                .thenRejected(RejectionCode.UNKNOWN_SERVICE);
        assertThat(s.rejection().message())
                .isEqualTo("fe01 has no service named Lync Server Mediation: use a display name or a short name"
                        + " such as RTCSRV.");
    }

    @Test
    void anUnknownServerIsRefused() {
        threeServers()
                .when(pause("fe99", FRONT_END))
                .thenRejected(RejectionCode.UNKNOWN_SERVER, "fe99");
    }

    @Test
    void anUnknownServerIsRefusedForAWholeServerPause() {
        threeServers()
                .when(pause("fe99", null))
                .thenRejected(RejectionCode.UNKNOWN_SERVER, "fe99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RTCSRV", "rtcsrv", "RtcSrv", "Lync Server Front-End", "lync server front-end",
            "LYNC SERVER FRONT-END"})
    void aServiceIsNamedByItsShortOrDisplayNameIgnoringCase(String name) {
        threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(pause(FE01, name))
                .thenEvents(new ServicePaused(T0, FE01, FRONT_END, null, "admin", null));
    }

    @Test
    void theShortNameOfAnotherServiceResolvesToThatService() {
        threeServers()
                .when(pause(FE01, "rtccps"))
                .thenEvents(new ServicePaused(T0, FE01, CALL_PARK, null, "admin", null),
                        new ServiceDrained(T0, FE01, CALL_PARK));
    }

    @Test
    void aPauseAtAnotherTimeIsStampedWithThatTime() {
        var later = T0.plusSeconds(42);
        threeServers()
                .when(new Pause(FE01, IM_CONF, Duration.ofMinutes(1), false, act(later)))
                .thenEvents(new ServicePaused(later, FE01, IM_CONF, later.plusSeconds(60), "admin", null),
                        new ServiceDrained(later, FE01, IM_CONF));
    }
}
