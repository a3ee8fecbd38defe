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

/**
 * A server records a decision that reaches several of its services whole; an intent that an earlier
 * version left pending is delivered to its services again until each has applied it.
 */
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
    void givenTwoServices_whenARestartIsRecorded_thenTheServerHoldsItWholeAndDeliversNothing() {
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
        ServerDecisionRecorded whole = new ServerDecisionRecorded(9, events, 3, 3);

        var result = testKit.runCommand(new ServerEntity.Record(whole, requester.getRef()));

        assertThat(result.events()).containsExactly(whole);
        requester.expectMessage(Done.getInstance());
        // The services record their parts in the same transaction, sent by the gatekeeper, not from here.
        fe.expectNoMessage(java.time.Duration.ofMillis(100));
        cps.expectNoMessage(java.time.Duration.ZERO);
        assertThat(testKit.getState().pending()).isEmpty();
        assertThat(testKit.getState().last()).isEqualTo(new LastDecision(9, T0));
    }

    @Test
    void givenAPendingIntentOfAnEarlierVersion_whenTheServerRecovers_thenItDeliversItUntilAcknowledged() {
        TestProbe<ServiceEntity.Command> fe = KIT.createTestProbe();
        var testKit = EventSourcedBehaviorTestKit.<ServerEntity.Command, Journaled, ServerSnapshot>create(
                KIT.system(), ServerEntity.create("fe02", Map.of(FE, fe.getRef()), 100, KIT.system().ignoreRef()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
        var feRestarted = new ServiceRestarted(T0, "fe02", FE, ServiceStatus.RUNNING, ServiceStatus.RUNNING, false);
        List<Event> events = List.of(new ServerRestarted(T0, "fe02", true, "alice", null), feRestarted);

        testKit.initialize(new IntentRecorded(1, events, 4));

        ServiceEntity.Apply again = (ServiceEntity.Apply) fe.receiveMessage();
        assertThat(again.decisions()).containsExactly(new DecisionRecorded(4, 1, List.of(feRestarted)));
        again.receipt().send();
        fe.awaitAssert(() -> {
            assertThat(testKit.getState().pending()).isEmpty();
            return null;
        });
        assertThat(testKit.getState().lastIntent()).isEqualTo(1);
        assertThat(testKit.getState().last()).isEqualTo(new LastDecision(4, T0));
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
