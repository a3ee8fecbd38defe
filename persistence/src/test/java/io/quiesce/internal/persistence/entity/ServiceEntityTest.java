package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service entity records what the core decided; events and state round-trip through the journal's serializer. */
class ServiceEntityTest {
    static final ActorTestKit KIT = EntityTestKits.create();
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";

    EventSourcedBehaviorTestKit<ServiceEntity.Command, Object, ServiceSnapshot> testKit;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        testKit = EventSourcedBehaviorTestKit.create(KIT.system(),
                ServiceEntity.create("fe01", FE, T0, 3, KIT.system().ignoreRef()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
        testKit.clear();
    }

    static DecisionRecorded decision(long number, Event... events) {
        return DecisionRecorded.of(number, List.of(events));
    }

    @Test
    void givenAFreshService_whenDecisionsAreApplied_thenEachIsRecordedWithItsNumberAndFolded() {
        var started = decision(4, new SessionStarted(T0, "fe01", FE, "s1", "im", "alice"));
        var paused = decision(6, new ServicePaused(T0.plusSeconds(5), "fe01", FE, null, "alice", "patch"));

        var result = testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(started, paused), r));

        assertThat(result.reply()).isEqualTo(Done.getInstance());
        assertThat(result.events()).containsExactly(started, paused);
        assertThat(result.state().service().status()).isEqualTo(ServiceStatus.PAUSING);
        assertThat(result.state().service().sessions()).containsOnlyKeys("s1");
        assertThat(result.state().last()).isEqualTo(new LastDecision(6, T0.plusSeconds(5)));
    }

    @Test
    void givenTheGatekeepersFoldFromThisVeryState_whenApplied_thenTheEntityKeepsThatStateRatherThanACopy() {
        var started = decision(4, new SessionStarted(T0, "fe01", FE, "s1", "im", "alice"));
        var second = decision(5, new SessionStarted(T0.plusSeconds(1), "fe01", FE, "s2", "calls", "alice"));
        ServiceState from = testKit.getState().service();
        ServiceState to = from.evolve((Event.ServiceEvent) started.events().get(0))
                .evolve((Event.ServiceEvent) second.events().get(0));

        var result = testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(started, second), from, to, r));

        assertThat(result.events()).containsExactly(started, second);
        assertThat(result.state().service()).isSameAs(to);
        assertThat(result.state().last()).isEqualTo(new LastDecision(5, T0.plusSeconds(1)));
        assertThat(testKit.restart().state()).isEqualTo(result.state());
    }

    @Test
    void givenAServiceJustAdded_whenTheGatekeepersFoldStartsFromAnEqualState_thenTheEntityTakesItToo() {
        // The gatekeeper installs an added server's services itself: equal states, not the same objects.
        var started = decision(4, new SessionStarted(T0, "fe01", FE, "s1", "im", "alice"));
        ServiceState from = ServiceState.installed("fe01", FE, T0);
        ServiceState to = from.evolve((Event.ServiceEvent) started.events().get(0));
        assertThat(from).isNotSameAs(testKit.getState().service()).isEqualTo(testKit.getState().service());

        var result = testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(started), from, to, r));

        assertThat(result.state().service()).isSameAs(to);
    }

    @Test
    void givenAFoldFromAnotherState_whenApplied_thenTheEntityFoldsTheEventsItself() {
        var started = decision(4, new SessionStarted(T0, "fe01", FE, "s1", "im", "alice"));
        ServiceState other = ServiceState.installed("fe01", FE, T0.minusSeconds(60));
        ServiceState wrong = other.evolve(new SessionStarted(T0, "fe01", FE, "elsewhere", "im", "alice"));

        var result = testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(started), other, wrong, r));

        assertThat(result.state().service().sessions()).containsOnlyKeys("s1");
        assertThat(result.state().service().since()).isEqualTo(T0);
    }

    @Test
    void givenAnAppliedIntent_whenItIsDeliveredAgain_thenNothingIsRecordedTwice() {
        var part = new DecisionRecorded(11, 7, List.of(new ServicePaused(T0, "fe01", FE, null, "alice", null),
                new ServiceDrained(T0, "fe01", FE)));
        var first = testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(part), r));
        assertThat(first.events()).containsExactly(part);

        var repeat = testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(part), r));

        assertThat(repeat.reply()).isEqualTo(Done.getInstance());
        assertThat(repeat.hasNoEvents()).isTrue();
        assertThat(repeat.state().lastIntent()).isEqualTo(7);
        assertThat(repeat.state().service().status()).isEqualTo(ServiceStatus.DRAINED);
    }

    @Test
    void givenRecordedDecisions_whenTheEntityRestarts_thenItsStateAndLastDecisionAreRebuilt() {
        testKit.<Done>runCommand(r -> new ServiceEntity.Apply(List.of(
                decision(1, new SessionStarted(T0, "fe01", FE, "s1", "im", "alice")),
                decision(2, new ServicePaused(T0, "fe01", FE, T0.plusSeconds(600), "alice", null)),
                decision(5, new SessionEnded(T0.plusSeconds(60), "fe01", FE, "s1", "alice"),
                        new ServiceDrained(T0.plusSeconds(60), "fe01", FE))), r));
        ServiceSnapshot before = testKit.getState();

        var restarted = testKit.restart();

        assertThat(restarted.state()).isEqualTo(before);
        assertThat(restarted.state().service().status()).isEqualTo(ServiceStatus.DRAINED);
        assertThat(restarted.state().service().deadline()).isEqualTo(T0.plusSeconds(600));
        assertThat(restarted.state().last()).isEqualTo(new LastDecision(5, T0.plusSeconds(60)));
    }

    @Test
    void givenAJournalWrittenBeforeDecisionsWereNumbered_whenRecovered_thenBareEventsAndIntentsFold() {
        testKit.initialize(new SessionStarted(T0, "fe01", FE, "s1", "im", "alice"),
                new ServicePaused(T0, "fe01", FE, null, "alice", null), new IntentApplied(3));

        ServiceSnapshot state = testKit.getState();

        assertThat(state.service().status()).isEqualTo(ServiceStatus.PAUSING);
        assertThat(state.service().sessions()).containsOnlyKeys("s1");
        assertThat(state.lastIntent()).isEqualTo(3);
        assertThat(state.last()).isEqualTo(new LastDecision(0, T0));
    }

    @Test
    void getAnswersTheCurrentState() {
        var result = testKit.<ServiceSnapshot>runCommand(ServiceEntity.Get::new);

        assertThat(result.reply())
                .isEqualTo(new ServiceSnapshot(ServiceState.installed("fe01", FE, T0), 0, LastDecision.NONE));
        assertThat(result.hasNoEvents()).isTrue();
    }
}
