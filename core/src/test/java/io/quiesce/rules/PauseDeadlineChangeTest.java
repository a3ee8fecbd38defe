package io.quiesce.rules;

import io.quiesce.command.Act;
import io.quiesce.command.Command.Pause;
import io.quiesce.event.Event.PauseDeadlineChanged;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.quiesce.rules.Scenario.ADMIN;
import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.ROLE;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.deadlinePassed;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 8 in place: the deadline of a pause is set, changed or cleared without resuming the service. */
class PauseDeadlineChangeTest {
    private static final Instant LATER = T0.plus(Duration.ofMinutes(10));

    /** fe01's IM Conferencing paused at T0 without a deadline, with a session still on it. */
    private static Scenario pausedWithoutDeadline() {
        return threeServers()
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                .givenCommands(pause(FE01, IM_CONF));
    }

    private static Pause setDeadline(String service, Duration deadline, Instant at) {
        return new Pause(FE01, service, deadline, false, false, new Act(ADMIN, at, "patch window moved"));
    }

    private static Pause clearDeadline(String service, Instant at) {
        return new Pause(FE01, service, null, true, false, new Act(ADMIN, at, "no hurry"));
    }

    @Test
    void aDeadlineIsSetOnAPausedServiceWithWhoAndWhy() {
        pausedWithoutDeadline()
                .when(setDeadline(IM_CONF, Duration.ofMinutes(5), LATER))
                .thenEvents(new PauseDeadlineChanged(LATER, FE01, IM_CONF, LATER.plus(Duration.ofMinutes(5)), "admin",
                        "patch window moved"))
                .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.PAUSING, ServiceStatus.PAUSING, true,
                        null))
                .thenStatus(FE01, IM_CONF, ServiceStatus.PAUSING);
    }

    @Test
    void theChangedDeadlineFiresAtItsNewTimeAndNotAtTheOld() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                .givenCommands(pause(FE01, IM_CONF, Duration.ofMinutes(5)))
                .givenCommands(setDeadline(IM_CONF, Duration.ofMinutes(30), LATER));
        Instant moved = LATER.plus(Duration.ofMinutes(30));
        assertThat(s.state().nextDeadline()).contains(moved);

        s.when(deadlinePassed(FE01, IM_CONF, T0.plus(Duration.ofMinutes(5)))).thenNoEvents();
        s.when(deadlinePassed(FE01, IM_CONF, moved)).thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED);
        assertThat(s.service(FE01, IM_CONF).hasSessions()).isFalse();
    }

    @Test
    void aClearedDeadlineNeverFiresAndTheServiceStaysPaused() {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, IM_CONF, "s1", "im-conferencing"))
                .givenCommands(pause(FE01, IM_CONF, Duration.ofMinutes(5)))
                .when(clearDeadline(IM_CONF, LATER))
                .thenEvents(new PauseDeadlineChanged(LATER, FE01, IM_CONF, null, "admin", "no hurry"))
                .thenStatus(FE01, IM_CONF, ServiceStatus.PAUSING);
        assertThat(s.state().nextDeadline()).isEmpty();

        s.when(deadlinePassed(FE01, IM_CONF, T0.plus(Duration.ofHours(1)))).thenNoEvents();
        assertThat(s.service(FE01, IM_CONF).sessions()).containsOnlyKeys("s1");
    }

    @Test
    void clearingWhatIsNotThereOrPausingAgainWithoutADeadlineChangesNothing() {
        pausedWithoutDeadline()
                .when(clearDeadline(IM_CONF, LATER))
                .thenNoEvents()
                .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.PAUSING, ServiceStatus.PAUSING, false,
                        "already paused, with no deadline"));
        threeServers()
                .givenCommands(pause(FE01, IM_CONF, Duration.ofMinutes(5)))
                .when(pause(FE01, IM_CONF))
                .thenNoEvents()
                .thenOutcomes(new ServiceOutcome(FE01, IM_CONF, ServiceStatus.DRAINED, ServiceStatus.DRAINED, false,
                        "already paused"));
        assertThat(threeServers().givenCommands(pause(FE01, IM_CONF, Duration.ofMinutes(5)))
                .service(FE01, IM_CONF).deadline()).as("a pause without --deadline keeps the one set")
                .isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aWholeServerPauseWithADeadlinePausesTheRunningAndMovesThePausedOnes() {
        Scenario s = threeServers()
                .givenCommands(pause(FE01, IM_CONF))
                .when(setDeadline(null, Duration.ofMinutes(5), LATER));
        Instant deadline = LATER.plus(Duration.ofMinutes(5));
        assertThat(s.accepted().events()).contains(
                new PauseDeadlineChanged(LATER, FE01, IM_CONF, deadline, "admin", "patch window moved"),
                new ServicePaused(LATER, FE01, FRONT_END, deadline, "admin", "patch window moved"));
        assertThat(s.server(FE01).services().values()).allSatisfy(svc -> {
            assertThat(svc.status().isPaused()).isTrue();
            assertThat(svc.deadline()).isEqualTo(deadline);
        });
        assertThat(s.accepted().outcomes()).hasSize(ROLE.serviceNames().size());
    }

    @Test
    void clearingOnARunningServicePausesItWithoutDeadline() {
        threeServers()
                .when(clearDeadline(IM_CONF, T0))
                .thenStatus(FE01, IM_CONF, ServiceStatus.DRAINED);
    }

    @Test
    void theNewDeadlineIsBoundAsAnyOther() {
        pausedWithoutDeadline()
                .when(setDeadline(IM_CONF, Duration.ofDays(31), LATER))
                .thenRejected(RejectionCode.INVALID_ARGUMENT, "at most 30 days");
    }

    @Test
    void movingTheDeadlineOfAServiceWithoutDnsLbIsNotWarnedAboutAgain() {
        pool(false, FE01, "fe02")
                .givenCommands(pause(FE01, CALL_PARK))
                .when(setDeadline(CALL_PARK, Duration.ofMinutes(5), LATER))
                .thenWarnings();
    }
}
