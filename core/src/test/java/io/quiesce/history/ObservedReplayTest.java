package io.quiesce.history;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Rules;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A history fed by a load balancer's counts replays, with its drains and forced interruptions found. */
class ObservedReplayTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String FRONT_END = "Lync Server Front-End";

    final Replay replay = new Replay(new Rules(Catalog.defaults(), Authorization.defaults()));
    final List<HistoryLine> lines = new ArrayList<>();

    private void line(Command.Authorized command) {
        lines.add(new HistoryLine.CommandLine(lines.size() + 1, command));
    }

    private static Act act(int second) {
        return Act.of(Principal.of("alice", "Administrators"), T0.plusSeconds(second));
    }

    @Test
    void givenCountsThatFallToZero_whenReplayed_thenTheServiceIsDrainedAtThatTime() {
        line(new Command.CreatePool("pool1", true, act(0)));
        line(new Command.AddServer("pool1", "fe01", null, act(0)));
        line(new Command.AddServer("pool1", "fe02", null, act(0)));
        line(new Command.Observe("fe01", "RTCSRV", 3, act(1)));
        line(new Command.Pause("fe01", "RTCSRV", null, false, act(2)));
        line(new Command.Observe("fe01", "RTCSRV", 1, act(3)));
        line(new Command.Observe("fe01", "RTCSRV", 0, act(4)));

        ReplayResult result = replay.run(lines, "h.jsonl", null);

        assertThat(result.state().server("fe01").orElseThrow().service(FRONT_END).status())
                .isEqualTo(ServiceStatus.DRAINED);
        Timeline.Lane lane = result.timeline().lanes().stream()
                .filter(l -> l.server().equals("fe01") && l.service().equals(FRONT_END)).findFirst().orElseThrow();
        assertThat(lane.intervals()).last().satisfies(i -> {
            assertThat(i.status()).isEqualTo(ServiceStatus.DRAINED);
            assertThat(i.from()).isEqualTo(T0.plusSeconds(4));
        });
        assertThat(lane.samples()).extracting(Timeline.Sample::sessions).containsSubsequence(3, 1, 0);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void givenAForcedStopWithObservedSessions_whenReplayed_thenTheyAreCountedAsInterruptedByForce() {
        line(new Command.CreatePool("pool1", true, act(0)));
        line(new Command.AddServer("pool1", "fe01", null, act(0)));
        line(new Command.AddServer("pool1", "fe02", null, act(0)));
        line(new Command.Observe("fe01", "RTCSRV", 4, act(1)));
        line(new Command.Pause("fe01", "RTCSRV", null, false, act(2)));
        line(new Command.Stop("fe01", "RTCSRV", true, act(3)));

        ReplayResult result = replay.run(lines, "h.jsonl", null);

        assertThat(result.interrupted()).isEqualTo(4);
        assertThat(result.timeline().interruptions()).singleElement()
                .satisfies(i -> assertThat(i.label()).isEqualTo("4 observed session(s)"));
        assertThat(result.timeline().interruptionsNotDetailed()).isZero();
        assertThat(result.findings()).extracting(Finding::code)
                .contains(FindingCode.FORCED_INTERRUPTION, FindingCode.DRAIN_INCOMPLETE);
    }
}
