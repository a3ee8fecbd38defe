package io.quiesce.internal.persistence.reliability;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The crash check itself, on made-up runs: it must see a lost command and a half-recorded one. */
class CrashCheckTest {
    static final Rules RULES = new Rules(Catalog.defaults(), Authorization.defaults());
    static final Act ACT = Act.of(Principal.of("alice", "Administrators"), Instant.parse("2026-11-26T10:00:00Z"));

    final List<Command> sent = List.of(
            new Command.CreatePool("pool1", true, ACT),
            new Command.AddServer("pool1", "fe01", null, ACT),
            new Command.AddServer("pool1", "fe02", null, ACT),
            new Command.Connect("pool1", "im", "s1", ACT),
            new Command.Pause("fe02", null, null, false, ACT));

    @Test
    void givenEveryAcknowledgedCommandRecordedAndTheOneInFlightNot_thenAllIsWell() {
        List<Event> recorded = events(4);

        CrashCheck.Result result = check(4, recorded);

        assertThat(result.violations()).isEmpty();
        assertThat(result).extracting(CrashCheck.Result::acknowledged, CrashCheck.Result::inFlight,
                CrashCheck.Result::inFlightRecorded, CrashCheck.Result::lost).containsExactly(4, 1, 0, 0);
    }

    @Test
    void givenTheCommandInFlightRecordedWhole_thenItCountsAsRecorded() {
        CrashCheck.Result result = check(4, events(5));

        assertThat(result.violations()).isEmpty();
        assertThat(result.inFlightRecorded()).isEqualTo(1);
    }

    @Test
    void givenAnAcknowledgedSessionMissing_thenItIsALoss() {
        List<Event> recorded = events(3);

        CrashCheck.Result result = check(4, recorded);

        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.violations()).anyMatch(v -> v.contains("Lync Server Front-End") && v.contains("at least"))
                .anyMatch(v -> v.startsWith("I3: acknowledged session s1"));
    }

    @Test
    void givenAWholeServerPauseInFlightRecordedOnOneServiceOnly_thenItIsHalfRecorded() {
        List<Event> recorded = new ArrayList<>(events(4));
        events(5).subList(recorded.size(), events(5).size()).stream()
                .filter(e -> e instanceof Event.ServiceEvent se && se.service().equals("Lync Server Call Park"))
                .forEach(recorded::add);

        CrashCheck.Result result = check(4, recorded);

        assertThat(result.violations()).anyMatch(v -> v.startsWith("command 4 ") && v.contains("some of"));
    }

    /** The events of the first {@code n} commands, as the gatekeeper would have recorded them. */
    private List<Event> events(int n) {
        List<Event> events = new ArrayList<>();
        Deployment d = Deployment.empty();
        for (Command c : sent.subList(0, n)) {
            List<Event> decided = ((Decision.Accepted) RULES.decide(d, c)).events();
            events.addAll(decided);
            d = d.evolve(decided);
        }
        return events;
    }

    private CrashCheck.Result check(int acknowledged, List<Event> recorded) {
        Map<Integer, String> answers = new HashMap<>();
        for (int k = 0; k < acknowledged; k++) {
            answers.put(k, "accepted");
        }
        return CrashCheck.check(RULES, Deployment.empty(), new SideLog.Entries(sent, answers),
                Deployment.empty().evolve(recorded), recorded);
    }
}
