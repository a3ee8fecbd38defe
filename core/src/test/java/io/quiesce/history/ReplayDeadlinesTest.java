package io.quiesce.history;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.InterruptionCause;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pause deadlines in a replayed history: they fire by themselves, and a moved one at its new time. */
class ReplayDeadlinesTest {
    private static final Instant T0 = History.T0;

    private static Act at(Instant t) {
        return Act.of(History.ADMIN, t);
    }

    private static List<HistoryLine> lines(Command... commands) {
        List<HistoryLine> lines = new java.util.ArrayList<>();
        lines.add(new HistoryLine.CommandLine(1, new Command.CreatePool("p", true, at(T0))));
        lines.add(new HistoryLine.CommandLine(2, new Command.AddServer("p", "fe01", null, at(T0))));
        lines.add(new HistoryLine.CommandLine(3, new Command.AddServer("p", "fe02", null, at(T0))));
        lines.add(new HistoryLine.CommandLine(4, new Command.Connect("p", "im-conferencing", "m1", at(T0))));
        for (Command c : commands) {
            lines.add(new HistoryLine.CommandLine(lines.size() + 1, c));
        }
        return lines;
    }

    @Test
    void aDeadlineAtExactlyTheInstantOfALaterLineFiresBeforeThatLine() {
        Instant deadline = T0.plus(Duration.ofMinutes(5));
        ReplayResult r = new Replay(History.RULES).run(lines(
                new Command.Pause("fe01", "RTCIMMCU", Duration.ofMinutes(5), false, at(T0)),
                new Command.End("m1", at(deadline))), "h.jsonl", null);

        assertThat(r.timeline().interruptions()).singleElement().satisfies(i -> {
            assertThat(i.cause()).isEqualTo(InterruptionCause.DRAIN_DEADLINE);
            assertThat(i.at()).isEqualTo(deadline);
        });
        assertThat(r.refusals()).singleElement().satisfies(x ->
                assertThat(x.rejection().code()).isEqualTo(RejectionCode.UNKNOWN_SESSION));
    }

    @Test
    void aMovedDeadlineFiresAtItsNewTimeOnly() {
        Instant moved = T0.plus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(30));
        ReplayResult r = new Replay(History.RULES).run(lines(
                new Command.Pause("fe01", "RTCIMMCU", Duration.ofMinutes(5), false, at(T0)),
                new Command.Pause("fe01", "RTCIMMCU", Duration.ofMinutes(30), false, false,
                        at(T0.plus(Duration.ofMinutes(1)))),
                new Command.Resume("fe02", null, at(T0.plus(Duration.ofMinutes(20)))),
                new Command.Resume("fe02", null, at(moved))), "h.jsonl", null);

        assertThat(r.timeline().interruptions()).singleElement()
                .satisfies(i -> assertThat(i.at()).isEqualTo(moved));
        assertThat(r.timeline().acts()).extracting(Timeline.AdminAct::what).contains("PauseDeadlineChanged");
    }
}
