package io.quiesce.cli.serve;

import io.quiesce.event.Event;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.json.JsonText;
import io.quiesce.QuiesceListener;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Every event of the data directory, numbered from 1 in history order, and the subscribers that
 * follow it: the source of {@code /v1/events}, and of anything else that wants to hear of events
 * as they are recorded (a dashboard, a load-balancer agent). A subscriber joins at an id and gets
 * what came after it, then every new event, with no gap and no repeat: the backlog and the
 * subscription are taken under one lock.
 */
public final class EventFeed implements QuiesceListener {
    /** Live events a slow subscriber may fall behind by before its stream fails (it resumes by id). */
    static final int SUBSCRIBER_BUFFER = 4096;

    /** One event with its id. */
    public record Numbered(long id, Event event) {
        /**
         * Its history line, written when asked: the feed holds every event of the server's life, and
         * keeping each line too would about double what that costs in memory.
         */
        public String line() {
            return EventCodec.line(event);
        }
    }

    private final List<Numbered> log = new ArrayList<>();
    private final List<Event> beforeStart = new ArrayList<>();
    private final Set<BoundedSourceQueue<Numbered>> subscribers = new CopyOnWriteArraySet<>();
    private final Set<Consumer<List<Numbered>>> listeners = new CopyOnWriteArraySet<>();
    private boolean started;
    private boolean closed;

    /**
     * Takes the history as read once the feed listens, so nothing recorded in between is lost:
     * events heard before that are dropped when the history already ends with them.
     */
    public synchronized void start(List<Event> history) {
        history.forEach(this::append);
        int overlap = Math.min(beforeStart.size(), history.size());
        while (overlap > 0 && !history.subList(history.size() - overlap, history.size())
                .equals(beforeStart.subList(0, overlap))) {
            overlap--;
        }
        beforeStart.subList(overlap, beforeStart.size()).forEach(this::append);
        beforeStart.clear();
        started = true;
    }

    @Override
    public synchronized void recorded(List<Event> events) {
        if (!started) {
            beforeStart.addAll(events);
            return;
        }
        List<Numbered> numbered = new ArrayList<>();
        for (Event e : events) {
            Numbered n = append(e);
            numbered.add(n);
            for (BoundedSourceQueue<Numbered> q : subscribers) {
                QueueOfferResult result = q.offer(n);
                if (result != QueueOfferResult.enqueued()) {
                    // Too far behind (or gone): end its stream; it comes back with Last-Event-ID.
                    subscribers.remove(q);
                    q.fail(new IllegalStateException("subscriber fell behind"));
                }
            }
        }
        listeners.forEach(l -> l.accept(numbered));
    }

    private Numbered append(Event e) {
        Numbered n = new Numbered(log.size() + 1L, e);
        log.add(n);
        return n;
    }

    /** The id of the last event; 0 before any. */
    public synchronized long lastId() {
        return log.size();
    }

    /** Every event so far, oldest first. */
    public synchronized List<Numbered> all() {
        return List.copyOf(log);
    }

    /** Calls {@code listener} with the events of each act recorded from now on, on the library's listener thread. */
    public void listen(Consumer<List<Numbered>> listener) {
        listeners.add(listener);
    }

    /**
     * The events after {@code after}, then every new one as it is recorded, until the feed closes.
     *
     * @throws IllegalArgumentException when {@code after} is beyond the last event
     */
    public synchronized Source<Numbered, NotUsed> after(long after, Materializer materializer) {
        if (after < 0 || after > log.size()) {
            throw new IllegalArgumentException("no event has id " + after + " (the last is " + log.size() + ")");
        }
        List<Numbered> backlog = List.copyOf(log.subList((int) after, log.size()));
        if (closed) {
            return Source.from(backlog);
        }
        Pair<BoundedSourceQueue<Numbered>, Source<Numbered, NotUsed>> live =
                Source.<Numbered>queue(SUBSCRIBER_BUFFER).preMaterialize(materializer);
        BoundedSourceQueue<Numbered> queue = live.first();
        subscribers.add(queue);
        return Source.from(backlog).concat(live.second()).watchTermination((notUsed, done) -> {
            done.whenComplete((d, e) -> subscribers.remove(queue));
            return NotUsed.getInstance();
        });
    }

    /** Ends every subscriber's stream: the server is stopping. */
    public synchronized void close() {
        closed = true;
        subscribers.forEach(BoundedSourceQueue::complete);
        subscribers.clear();
    }
}
