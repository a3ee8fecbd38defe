package io.quiesce.internal.persistence;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** When pause deadlines fire, without actors: the gatekeeper's timer and its queue follow this. */
class DeadlineScheduleTest {
    static final Rules RULES = new Rules(Catalog.defaults(), Authorization.defaults());
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";

    final DeadlineSchedule schedule = new DeadlineSchedule();

    static Deployment apply(Deployment d, Command c) {
        return d.evolve(((Decision.Accepted) RULES.decide(d, c)).events());
    }

    /** fe01 with Front-End paused at T0 with a deadline of {@code deadline}. */
    static Deployment pausedFor(Duration deadline) {
        Deployment d = apply(Deployment.empty(), new Command.CreatePool("pool1", true, Act.of(ADMIN, T0)));
        d = apply(d, new Command.AddServer("pool1", "fe01", null, Act.of(ADMIN, T0)));
        d = apply(d, new Command.AddServer("pool1", "fe02", null, Act.of(ADMIN, T0)));
        return apply(d, new Command.Pause("fe01", "RTCSRV", deadline, false, Act.of(ADMIN, T0)));
    }

    @Test
    void givenADeadlineNotYetPassed_whenChecked_thenNothingIsDueAndTheTimerWaitsForIt() {
        Deployment d = pausedFor(Duration.ofMinutes(10));

        assertThat(schedule.due(d, T0.plusSeconds(60))).isEmpty();
        assertThat(schedule.nextTimer(d, T0.plusSeconds(60))).contains(Duration.ofMinutes(9));
    }

    @Test
    void givenADeadlinePassedLongAgo_whenChecked_thenItIsDueAtItsOwnInstantNotAtTheCheck() {
        Deployment d = pausedFor(Duration.ofMinutes(10));

        assertThat(schedule.due(d, T0.plus(Duration.ofHours(5))))
                .containsExactly(new Command.DeadlinePassed("fe01", FE, T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void givenADueDeadlineHandedOut_whenCheckedAgainBeforeItIsAnswered_thenItIsNotHandedOutTwiceNorTimed() {
        Deployment d = pausedFor(Duration.ofMinutes(1));
        Instant later = T0.plus(Duration.ofMinutes(2));
        Command.DeadlinePassed due = schedule.due(d, later).get(0);

        assertThat(schedule.due(d, later)).isEmpty();
        assertThat(schedule.nextTimer(d, later)).isEmpty();
        schedule.answered(due);
        assertThat(schedule.due(d, later)).containsExactly(due);
    }

    @Test
    void givenADeadlineMonthsAway_whenTimed_thenTheTimerWaitsADayAtATime() {
        Deployment d = pausedFor(Duration.ofDays(30));

        assertThat(schedule.nextTimer(d, T0)).contains(DeadlineSchedule.MAX_TIMER);
    }

    @Test
    void givenNoPauseWithADeadline_whenTimed_thenThereIsNoTimer() {
        Deployment d = pausedFor(null);

        assertThat(schedule.nextTimer(d, T0)).isEmpty();
        assertThat(schedule.due(d, T0.plus(Duration.ofDays(400)))).isEmpty();
    }

    @Test
    void givenTwoPendingDeadlines_thenACommandGoesAfterThoseUpToItsTimeAndADeadlineAfterThoseBeforeIt() {
        Deployment d = apply(pausedFor(Duration.ofMinutes(1)),
                new Command.Pause("fe02", "RTCSRV", Duration.ofMinutes(2), false, true, Act.of(ADMIN, T0)));
        Instant first = T0.plus(Duration.ofMinutes(1));
        Instant second = T0.plus(Duration.ofMinutes(2));
        Command later = new Command.End("s1", Act.of(ADMIN, second));

        assertThat(DeadlineSchedule.ahead(d, new Command.End("s1", Act.of(ADMIN, T0.plusSeconds(59))), T0.plusSeconds(59)))
                .isEmpty();
        assertThat(DeadlineSchedule.ahead(d, later, second)).extracting(s -> s.server()).containsExactly("fe01", "fe02");
        assertThat(DeadlineSchedule.ahead(d, new Command.DeadlinePassed("fe02", FE, second), second))
                .extracting(s -> s.server()).containsExactly("fe01");
        assertThat(DeadlineSchedule.ahead(d, new Command.DeadlinePassed("fe01", FE, first), second))
                .as("its own instant, not the later one it may be recorded at").isEmpty();
    }
}
