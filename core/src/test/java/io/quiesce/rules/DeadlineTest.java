package io.quiesce.rules;

import io.quiesce.event.Event.DrainDeadlinePassed;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceDrainingAgain;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.quiesce.rules.Scenario.CALL_PARK;
import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FE02;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.connect;
import static io.quiesce.rules.Scenario.deadlinePassed;
import static io.quiesce.rules.Scenario.end;
import static io.quiesce.rules.Scenario.pause;
import static io.quiesce.rules.Scenario.pool;
import static io.quiesce.rules.Scenario.restart;
import static io.quiesce.rules.Scenario.restartForced;
import static io.quiesce.rules.Scenario.resume;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.stopForced;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 8: the optional pause deadline. */
class DeadlineTest {

    private static final Instant DEADLINE = T0.plus(Duration.ofMinutes(30));

    /** fe01's Front-End paused at T0 with a 30-minute deadline and two sessions on it. */
    private static Scenario pausedWithDeadline() {
        return threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"), sessionStarted(FE01, FRONT_END, "s2", "calls"))
                .givenCommands(pause(FE01, FRONT_END, Duration.ofMinutes(30)));
    }

    @Test
    void thePauseRecordsThePendingDeadline() {
        Scenario s = pausedWithDeadline();
        assertThat(s.service(FE01, FRONT_END).deadline()).isEqualTo(DEADLINE);
        assertThat(s.state().pendingDeadlines()).containsExactly(s.service(FE01, FRONT_END));
        assertThat(s.state().nextDeadline()).contains(DEADLINE);
    }

    @Test
    void givenTwoPendingDeadlines_thenTheNextIsTheEarlierWhicheverServiceHasIt() {
        Scenario s = pausedWithDeadline().givenCommands(pause(FE02, IM_CONF, Duration.ofMinutes(10)));
        assertThat(s.state().nextDeadline()).contains(T0.plus(Duration.ofMinutes(10)));
        assertThat(s.state().pendingDeadlines()).extracting(ServiceState::deadline)
                .containsExactly(T0.plus(Duration.ofMinutes(10)), DEADLINE);
    }

    @Test
    void beforeTheDeadlineNothingHappens() {
        pausedWithDeadline()
                .when(deadlinePassed(FE01, FRONT_END, DEADLINE.minusMillis(1)))
                .thenNoEvents()
                .thenOutcomes(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.PAUSING, ServiceStatus.PAUSING,
                        false, "no pause deadline has passed"));
    }

    @Test
    void atTheDeadlineRemainingSessionsAreInterruptedAndTheServiceIsDrained() {
        Scenario s = pausedWithDeadline()
                .when(deadlinePassed(FE01, FRONT_END, DEADLINE))
                .thenEvents(new DrainDeadlinePassed(DEADLINE, FE01, FRONT_END),
                        new SessionInterrupted(DEADLINE, FE01, FRONT_END, "s1", "im",
                                InterruptionCause.DRAIN_DEADLINE),
                        new SessionInterrupted(DEADLINE, FE01, FRONT_END, "s2", "calls",
                                InterruptionCause.DRAIN_DEADLINE),
                        new ServiceDrained(DEADLINE, FE01, FRONT_END))
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED)
                .thenOutcomes(new ServiceOutcome(FE01, FRONT_END, ServiceStatus.PAUSING, ServiceStatus.DRAINED,
                        true, null))
                .thenWarnings();
        assertThat(s.service(FE01, FRONT_END).sessions()).isEmpty();
        assertThat(s.service(FE01, FRONT_END).deadline()).isNull();
        assertThat(s.service(FE01, FRONT_END).since()).isEqualTo(DEADLINE);
        assertThat(s.state().pendingDeadlines()).isEmpty();
        assertThat(s.state().nextDeadline()).isEmpty();
    }

    @Test
    void afterTheDeadlineItFiresWithTheTimeItIsNoticed() {
        Instant late = DEADLINE.plus(Duration.ofHours(2));
        pausedWithDeadline()
                .when(deadlinePassed(FE01, FRONT_END, late))
                .thenEvents(new DrainDeadlinePassed(late, FE01, FRONT_END),
                        new SessionInterrupted(late, FE01, FRONT_END, "s1", "im", InterruptionCause.DRAIN_DEADLINE),
                        new SessionInterrupted(late, FE01, FRONT_END, "s2", "calls",
                                InterruptionCause.DRAIN_DEADLINE),
                        new ServiceDrained(late, FE01, FRONT_END));
    }

    @Test
    void aDeadlineFiresOnlyOnce() {
        pausedWithDeadline()
                .givenCommands(deadlinePassed(FE01, FRONT_END, DEADLINE))
                .when(deadlinePassed(FE01, FRONT_END, DEADLINE.plusSeconds(1)))
                .thenNoEvents();
    }

    @Test
    void whenTheSessionsEndedInTimeOnlyThePassingIsRecorded() {
        pausedWithDeadline()
                .givenCommands(end("s1"), end("s2"))
                .when(deadlinePassed(FE01, FRONT_END, DEADLINE))
                .thenEvents(new DrainDeadlinePassed(DEADLINE, FE01, FRONT_END))
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED);
    }

    @Test
    void resumingCancelsTheDeadline() {
        Scenario s = pausedWithDeadline().givenCommands(resume(FE01, FRONT_END));
        assertThat(s.service(FE01, FRONT_END).deadline()).isNull();
        assertThat(s.state().pendingDeadlines()).isEmpty();
        s.when(deadlinePassed(FE01, FRONT_END, DEADLINE))
                .thenNoEvents();
        assertThat(s.service(FE01, FRONT_END).sessionCount()).isEqualTo(2);
    }

    @Test
    void stoppingCancelsTheDeadline() {
        Scenario s = pausedWithDeadline().givenCommands(stopForced(FE01, FRONT_END));
        assertThat(s.service(FE01, FRONT_END).deadline()).isNull();
        s.when(deadlinePassed(FE01, FRONT_END, DEADLINE)).thenNoEvents();
    }

    @Test
    void restartingCancelsTheDeadline() {
        Scenario s = pausedWithDeadline().givenCommands(restartForced(FE01));
        assertThat(s.service(FE01, FRONT_END).deadline()).isNull();
        assertThat(s.state().nextDeadline()).isEmpty();
        s.when(deadlinePassed(FE01, FRONT_END, DEADLINE)).thenNoEvents();
    }

    @Test
    void aNewPauseHasItsOwnDeadline() {
        Scenario s = pausedWithDeadline()
                .givenCommands(resume(FE01, FRONT_END))
                .givenCommands(new io.quiesce.command.Command.Pause(FE01, FRONT_END, Duration.ofHours(1), false,
                        Scenario.act(T0.plusSeconds(60))));
        assertThat(s.service(FE01, FRONT_END).deadline()).isEqualTo(T0.plusSeconds(60 + 3600));
        s.when(deadlinePassed(FE01, FRONT_END, DEADLINE)).thenNoEvents();
    }

    @Test
    void aPauseWithoutDeadlineNeverFires() {
        threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .givenCommands(pause(FE01, FRONT_END))
                .when(deadlinePassed(FE01, FRONT_END, T0.plus(Duration.ofDays(365))))
                .thenNoEvents();
    }

    @Test
    void deadlinesAreListedEarliestFirst() {
        Scenario s = pool(true, FE01, "fe02", "fe03")
                .given(sessionStarted(FE01, IM_CONF, "a", "im-conferencing"),
                        sessionStarted("fe02", FRONT_END, "b", "im"), sessionStarted(FE01, FRONT_END, "c", "im"))
                .givenCommands(pause(FE01, IM_CONF, Duration.ofMinutes(20)),
                        pause("fe02", FRONT_END, Duration.ofMinutes(10)),
                        pause(FE01, FRONT_END, Duration.ofMinutes(30)));
        assertThat(s.state().pendingDeadlines()).extracting(svc -> svc.server() + "/" + svc.name())
                .containsExactly("fe02/" + FRONT_END, "fe01/" + IM_CONF, "fe01/" + FRONT_END);
        assertThat(s.state().nextDeadline()).contains(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aDrainedServiceTakingASessionUnderTheDnsExceptionKeepsItsDeadline() {
        Scenario s = pool(false, FE01)
                .givenCommands(new io.quiesce.command.Command.Pause(FE01, CALL_PARK, Duration.ofMinutes(5), true,
                        Scenario.act()))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.DRAINED)
                .when(connect("call-park", "p1"))
                .thenEvents(new ServiceDrainingAgain(T0, FE01, CALL_PARK),
                        new SessionStarted(T0, FE01, CALL_PARK, "p1", "call-park", "admin"))
                .thenStatus(FE01, CALL_PARK, ServiceStatus.PAUSING);
        Instant deadline = T0.plus(Duration.ofMinutes(5));
        assertThat(s.service(FE01, CALL_PARK).deadline()).isEqualTo(deadline);
        s.when(deadlinePassed(FE01, CALL_PARK, deadline))
                .thenEvents(new DrainDeadlinePassed(deadline, FE01, CALL_PARK),
                        new SessionInterrupted(deadline, FE01, CALL_PARK, "p1", "call-park",
                                InterruptionCause.DRAIN_DEADLINE),
                        new ServiceDrained(deadline, FE01, CALL_PARK));
    }

    @Test
    void theClockNeedsNoPrincipal() {
        pausedWithDeadline()
                .when(deadlinePassed(FE01, FRONT_END, DEADLINE))
                .thenStatus(FE01, FRONT_END, ServiceStatus.DRAINED);
    }

    @Test
    void anUnknownServerOrServiceIsRefused() {
        pausedWithDeadline()
                .when(deadlinePassed("fe99", FRONT_END, DEADLINE))
                .thenRejected(RejectionCode.UNKNOWN_SERVER)
                .when(deadlinePassed(FE01, "Lync Server Mediation", DEADLINE))
                .thenRejected(RejectionCode.UNKNOWN_SERVICE, "fe01 has no service Lync Server Mediation");
    }

    @Test
    void thePausedEventCarriesTheDeadline() {
        threeServers()
                .given(sessionStarted(FE01, IM_CONF, "a", "im-conferencing"))
                .when(pause(FE01, IM_CONF, Duration.ofSeconds(90)))
                .thenEvents(new ServicePaused(T0, FE01, IM_CONF, T0.plusSeconds(90), "admin", null));
    }

    @Test
    void aRestartWithoutSessionsAlsoCancels() {
        Scenario s = threeServers()
                .givenCommands(pause(FE01, IM_CONF, Duration.ofMinutes(5)));
        assertThat(s.state().nextDeadline()).contains(T0.plus(Duration.ofMinutes(5)));
        s.givenCommands(restart(FE01));
        assertThat(s.state().nextDeadline()).isEmpty();
    }
}
