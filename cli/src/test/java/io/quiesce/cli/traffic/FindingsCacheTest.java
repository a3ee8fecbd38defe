package io.quiesce.cli.traffic;

import io.quiesce.auth.Authorization;
import io.quiesce.catalog.Catalog;
import io.quiesce.event.Event;
import io.quiesce.rules.Rules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One replay serves every caller: made again only once the history grew and twice the last replay's time has passed. */
class FindingsCacheTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    final AtomicLong now = new AtomicLong();
    final AtomicInteger replays = new AtomicInteger();
    final List<Event> history = new ArrayList<>(List.of(new Event.PoolCreated(T0, "pool1", true, "alice", null)));
    final FindingsCache cache = new FindingsCache(new Rules(Catalog.defaults(), Authorization.defaults()), now::get);

    /** Each replay takes {@link #REPLAY} on the test's clock. */
    static final Duration REPLAY = Duration.ofSeconds(1);

    java.util.Map<String, Object> ask() {
        return cache.get(history.size(), () -> {
            replays.incrementAndGet();
            now.addAndGet(REPLAY.toNanos());
            return List.copyOf(history);
        });
    }

    @Test
    void givenAnUnchangedHistory_whenAskedAgainLater_thenTheReplayIsNotMadeAgain() {
        Object first = ask();
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(ask()).isEqualTo(first).extracting("upToDate").isEqualTo(true);
        assertThat(replays).hasValue(1);
    }

    @Test
    void givenAGrownHistory_whenAskedBeforeTwiceTheLastReplayHasPassed_thenTheLastFindingsAnswerUntilThen() {
        ask();
        history.add(new Event.PoolCreated(T0.plusSeconds(1), "pool2", true, "alice", null));

        now.addAndGet(REPLAY.multipliedBy(FindingsCache.REST).toNanos() - 1);
        assertThat(ask()).extracting("upToDate").as("the last findings, said to be behind").isEqualTo(false);
        assertThat(replays).hasValue(1);

        now.addAndGet(1);
        assertThat(ask()).extracting("upToDate").isEqualTo(true);
        assertThat(replays).hasValue(2);
    }
}
