package io.quiesce.cli.cluster;

import io.quiesce.QuiesceListener;
import io.quiesce.cli.serve.EventFeed;
import io.quiesce.event.Event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A node's event feed: what every pool publishes, after the history read from the database. What is
 * heard before that read ends is held back, then fed less what the history already has. The pools
 * publish independently, so those early events may come in another order than the history's: they
 * are matched one by one, not as a run at its end.
 */
final class ClusterFeed implements QuiesceListener {
    /** How far back the history is searched for an early event: far more than a read of it takes. */
    private static final int TAIL = 10_000;

    private final EventFeed feed;
    private final List<Event> early = new ArrayList<>();
    private boolean started;

    ClusterFeed(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public synchronized void recorded(List<Event> events) {
        if (started) {
            feed.recorded(events);
        } else {
            early.addAll(events);
        }
    }

    /** Starts the feed with {@code history}, read once this listens, then what was heard meanwhile and is not in it. */
    synchronized void start(List<Event> history) {
        feed.start(history);
        Set<Event> tail = new HashSet<>(history.subList(Math.max(0, history.size() - TAIL), history.size()));
        List<Event> after = early.stream().filter(e -> !tail.contains(e)).toList();
        if (!after.isEmpty()) {
            feed.recorded(after);
        }
        early.clear();
        started = true;
    }
}
