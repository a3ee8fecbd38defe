package io.quiesce.internal.persistence.entity;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ServerRestarted;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.service.ServiceStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A server records an intent, delivers it to each service, and completes it once all have applied it. */
class ServerEntityTest {
    static final org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit KIT = EntityTestKits.create();
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";
    static final String CPS = "Lync Server Call Park";

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void givenTwoServices_whenARestartIsDelivered_thenEachGetsItsEventsAndTheIntentCompletes() {
        TestProbe<ServiceEntity.Command> fe = KIT.createTestProbe();
        TestProbe<ServiceEntity.Command> cps = KIT.createTestProbe();
        TestProbe<Done> requester = KIT.createTestProbe();
        var testKit = EventSourcedBehaviorTestKit.<ServerEntity.Command, Journaled, ServerSnapshot>create(
                KIT.system(),
                ServerEntity.create("fe01", Map.of(FE, fe.getRef(), CPS, cps.getRef()), 100, KIT.system().ignoreRef()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
        var feRestarted = new ServiceRestarted(T0, "fe01", FE, ServiceStatus.DRAINED, ServiceStatus.RUNNING, true);
        var cpsRestarted = new ServiceRestarted(T0, "fe01", CPS, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false);
        List<Event> events = List.of(new ServerRestarted(T0, "fe01", false, "alice", null), feRestarted, cpsRestarted);

        var result = testKit.runCommand(new ServerEntity.Deliver(events, 9, requester.getRef()));

        assertThat(result.events()).containsExactly(new IntentRecorded(1, events, 9));
        ServiceEntity.Apply toFe = (ServiceEntity.Apply) fe.receiveMessage();
        ServiceEntity.Apply toCps = (ServiceEntity.Apply) cps.receiveMessage();
        assertThat(toFe.decisions()).containsExactly(new DecisionRecorded(9, 1, List.of(feRestarted)));
        assertThat(toCps.decisions()).containsExactly(new DecisionRecorded(9, 1, List.of(cpsRestarted)));
        requester.expectNoMessage(java.time.Duration.ofMillis(100));

        toFe.replyTo().tell(Done.getInstance());
        toCps.replyTo().tell(Done.getInstance());

        requester.expectMessage(Done.getInstance());
        assertThat(testKit.getState().pending()).isEmpty();
        assertThat(testKit.getState().lastIntent()).isEqualTo(1);
        assertThat(testKit.getState().last()).isEqualTo(new LastDecision(9, T0));
    }

    @Test
    void givenAPendingIntent_whenTheServerRecovers_thenItDeliversTheIntentAgain() {
        TestProbe<ServiceEntity.Command> fe = KIT.createTestProbe();
        var testKit = EventSourcedBehaviorTestKit.<ServerEntity.Command, Journaled, ServerSnapshot>create(
                KIT.system(), ServerEntity.create("fe02", Map.of(FE, fe.getRef()), 100, KIT.system().ignoreRef()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
        var feRestarted = new ServiceRestarted(T0, "fe02", FE, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false);
        List<Event> events = List.of(new ServerRestarted(T0, "fe02", true, "alice", null), feRestarted);
        testKit.runCommand(new ServerEntity.Deliver(events, 4, KIT.createTestProbe(Done.class).getRef()));
        fe.receiveMessage(); // delivered once, never acknowledged: the process "dies" here

        testKit.restart();

        ServiceEntity.Apply again = (ServiceEntity.Apply) fe.receiveMessage();
        assertThat(again.decisions()).containsExactly(new DecisionRecorded(4, 1, List.of(feRestarted)));
        again.replyTo().tell(Done.getInstance());
        fe.awaitAssert(() -> {
            assertThat(testKit.getState().pending()).isEmpty();
            return null;
        });
    }

    /** An intent recorded before decisions were numbered, still pending when the new version starts. */
    @Test
    void givenAPendingIntentOfAnOldJournal_whenTheServerRecovers_thenItIsDeliveredWithoutANumber() {
        TestProbe<ServiceEntity.Command> fe = KIT.createTestProbe();
        var testKit = EventSourcedBehaviorTestKit.<ServerEntity.Command, Journaled, ServerSnapshot>create(
                KIT.system(), ServerEntity.create("fe03", Map.of(FE, fe.getRef()), 100, KIT.system().ignoreRef()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
        var feRestarted = new ServiceRestarted(T0, "fe03", FE, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false);
        List<Event> events = List.of(new ServerRestarted(T0, "fe03", true, "alice", null), feRestarted);

        testKit.initialize(new IntentRecorded(2, events, 0));

        ServiceEntity.Apply delivered = (ServiceEntity.Apply) fe.receiveMessage();
        assertThat(delivered.decisions()).containsExactly(new DecisionRecorded(0, 2, List.of(feRestarted)));
        assertThat(testKit.getState().last()).isEqualTo(new LastDecision(0, T0));
    }
}
