package io.quiesce.formats.history;

import io.quiesce.catalog.Catalog;
import io.quiesce.history.*;
import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long history streams through the replay: lines are generated one at a time and the timeline
 * keeps a bounded number of points per service. ({@code quiesce.longHistory} sets the length;
 * 1,000,000 lines replay in a 64 MB heap.)
 */
class LongHistoryTest {
    static final int LINES = Integer.getInteger("quiesce.longHistory", 60_000);

    @Test
    void aLongHistoryReplaysWithBoundedTimelines() {
        Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());

        ReplayResult r = new Replay(rules).run(() -> generated(LINES), "generated", null);

        assertThat(r.lines()).isEqualTo(LINES);
        assertThat(r.refusals()).isEmpty();
        assertThat(r.timeline().lanes()).allSatisfy(lane ->
                assertThat(lane.samples()).hasSizeLessThanOrEqualTo(Timeline.MAX_SAMPLES));
        assertThat(r.timeline().lanes()).anySatisfy(lane ->
                assertThat(lane.samples()).hasSizeGreaterThan(Timeline.MAX_SAMPLES / 4));
    }

    /** Three servers, then calls opened and ended so that a few hundred stay up at any time. */
    static Iterator<HistoryLine> generated(int total) {
        Act admin = Act.of(Principal.of("replay", "Administrators"), Instant.parse("2026-11-26T00:00:00Z"));
        return new Iterator<>() {
            int n;
            long opened;
            long ended;

            @Override
            public boolean hasNext() {
                return n < total;
            }

            @Override
            public HistoryLine next() {
                n++;
                Instant at = admin.at().plusMillis(80L * n);
                Act act = new Act(admin.by(), at, null);
                Command c;
                if (n == 1) {
                    c = new Command.CreatePool("p", true, act);
                } else if (n <= 4) {
                    c = new Command.AddServer("p", "fe0" + (n - 1), null, act);
                } else if (opened - ended < 300 || (n % 2 == 0 && opened - ended < 600)) {
                    c = new Command.Connect("p", n % 3 == 0 ? "im" : "calls", "s" + opened++, act);
                } else {
                    c = new Command.End("s" + ended++, act);
                }
                return new HistoryLine.CommandLine(n, c);
            }
        };
    }
}
