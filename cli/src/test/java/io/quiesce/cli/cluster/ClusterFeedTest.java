package io.quiesce.cli.cluster;

import io.quiesce.cli.serve.EventFeed;
import io.quiesce.event.Event;
import io.quiesce.event.Event.PoolCreated;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's feed starts from the history and what it heard meanwhile, each event once. */
class ClusterFeedTest {
    private static final Instant T = Instant.parse("2026-12-04T20:00:00Z");

    @Test
    void givenEventsOfTwoPoolsHeardInAnotherOrderThanCommitted_whenTheHistoryHasThem_thenEachIsFedOnce() {
        Event a1 = created("a", 1);
        Event b1 = created("b", 2);
        Event a2 = created("a2", 3);
        EventFeed feed = new EventFeed();
        ClusterFeed cluster = new ClusterFeed(feed);
        cluster.recorded(List.of(b1));
        cluster.recorded(List.of(a1));
        cluster.recorded(List.of(a2));

        cluster.start(List.of(a1, b1));

        assertThat(feed.all()).extracting(EventFeed.Numbered::event).containsExactly(a1, b1, a2);
    }

    @Test
    void givenTheFeedStarted_whenAnEventIsHeard_thenItIsFedWithoutLookingBackAtTheHistory() {
        EventFeed feed = new EventFeed();
        ClusterFeed cluster = new ClusterFeed(feed);
        cluster.start(List.of(created("a", 1)));

        cluster.recorded(List.of(created("a", 1)));

        assertThat(feed.all()).hasSize(2);
    }

    private static Event created(String pool, int seconds) {
        return new PoolCreated(T.plusSeconds(seconds), pool, true, "alice", null);
    }
}
