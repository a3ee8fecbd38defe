package io.quiesce.internal.persistence;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gatekeeper batches, without actors. */
class BatchRulesTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Act ACT = Act.of(Principal.of("alice", "Administrators"), T0);
    static final String FE = "Lync Server Front-End";
    static final String CAA = "Lync Server Conferencing Attendant";

    @Test
    void givenSessionTrafficAndAdministrativeCommands_whenSorted_thenOnlyConnectEndAndPassedDeadlinesBatch() {
        assertThat(BatchRules.isSessionTraffic(new Command.Connect("pool1", "im", "s1", ACT))).isTrue();
        assertThat(BatchRules.isSessionTraffic(new Command.End("s1", ACT))).isTrue();
        assertThat(BatchRules.isSessionTraffic(new Command.DeadlinePassed("fe01", FE, T0))).isTrue();
        assertThat(BatchRules.isSessionTraffic(new Command.Pause("fe01", null, null, false, ACT))).isFalse();
        assertThat(BatchRules.isSessionTraffic(new Command.CreatePool("pool1", true, ACT))).isFalse();
    }

    @Test
    void givenEventsOfOneService_whenTargeted_thenThatServiceIsTheTarget() {
        List<Event> events = List.of(new Event.SessionStarted(T0, "fe01", FE, "s1", "im", "alice"),
                new Event.SessionEnded(T0, "fe01", FE, "s0", "alice"));

        assertThat(BatchRules.singleService(events)).contains("fe01|" + FE);
    }

    @Test
    void givenEventsOfTwoServicesOrOfAServer_whenTargeted_thenThereIsNoSingleTarget() {
        assertThat(BatchRules.singleService(List.of(new Event.SessionEnded(T0, "fe01", FE, "s0", "alice"),
                new Event.SessionEnded(T0, "fe01", CAA, "s1", "alice")))).isEmpty();
        assertThat(BatchRules.singleService(List.of(new Event.ServerRestarted(T0, "fe01", false, "alice", null))))
                .isEmpty();
        assertThat(BatchRules.singleService(List.of())).isEmpty();
    }

    @Test
    void givenABatchInFlight_whenCommandsWait_thenTheNextIsSentBesideItOnceHalfAsManyWait() {
        assertThat(BatchRules.worthSendingBeside(32, 15)).isFalse();
        assertThat(BatchRules.worthSendingBeside(32, 16)).isTrue();
        assertThat(BatchRules.worthSendingBeside(1, 1)).as("a lone command beside a lone command").isTrue();
        assertThat(BatchRules.worthSendingBeside(1, 0)).isFalse();
    }
}
