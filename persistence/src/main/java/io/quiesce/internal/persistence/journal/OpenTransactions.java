package io.quiesce.internal.persistence.journal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parts of transactions that have not all arrived: when one completes a transaction, the whole of
 * it is handed back to be committed; a transaction still missing parts at its deadline is handed
 * back to be failed, and a part of it that arrives later is refused, so that no part ever lands
 * without the others. Pure: time is given by the caller, in nanoseconds of any monotonic clock.
 *
 * @param <P> a part
 */
final class OpenTransactions<P> {
    /** Failed transactions remembered for their late parts; far more than can be in flight at once. */
    static final int REMEMBERED_FAILURES = 10_000;

    sealed interface Outcome<P> {
    }

    /** More parts are to come. */
    record Waiting<P>() implements Outcome<P> {
    }

    /** Every part has arrived, in arrival order. */
    record Whole<P>(List<P> parts) implements Outcome<P> {
    }

    /** The transaction has already failed: this part must fail too. */
    record Refused<P>() implements Outcome<P> {
    }

    /** A transaction that failed for want of parts, with those that had arrived. */
    record Expired<P>(long transaction, List<P> parts) {
    }

    private record Open<P>(int parts, long deadline, List<P> arrived) {
    }

    private final long timeoutNanos;
    private final Map<Long, Open<P>> open = new LinkedHashMap<>();
    private final Set<Long> failed = new LinkedHashSet<>();

    OpenTransactions(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Adds a part of {@code transaction}, which has {@code parts} parts in all (1: this one alone). */
    Outcome<P> add(long transaction, int parts, P part, long now) {
        if (parts <= 1) {
            return new Whole<>(List.of(part));
        }
        if (failed.contains(transaction)) {
            return new Refused<>();
        }
        Open<P> o = open.computeIfAbsent(transaction, t -> new Open<>(parts, now + timeoutNanos, new ArrayList<>()));
        o.arrived().add(part);
        if (o.arrived().size() < o.parts()) {
            return new Waiting<>();
        }
        open.remove(transaction);
        return new Whole<>(List.copyOf(o.arrived()));
    }

    /** Transactions whose deadline has passed by {@code now}, with the parts that arrived; they are failed from now on. */
    List<Expired<P>> expire(long now) {
        List<Expired<P>> expired = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Open<P>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Open<P>> e = it.next();
            if (e.getValue().deadline() - now <= 0) {
                expired.add(new Expired<>(e.getKey(), List.copyOf(e.getValue().arrived())));
                it.remove();
                failed(e.getKey());
            }
        }
        return expired;
    }

    /** Every open transaction, failed (on closing). */
    List<List<P>> failAll() {
        List<List<P>> all = open.values().stream().map(o -> List.copyOf(o.arrived())).toList();
        open.keySet().forEach(this::failed);
        open.clear();
        return all;
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** Whether {@code transaction} failed (as far as failures are remembered). */
    boolean hasFailed(long transaction) {
        return failed.contains(transaction);
    }

    /** Remembers {@code transaction} as failed: a late part of it is refused, a transaction following it fails. */
    void failed(long transaction) {
        failed.add(transaction);
        if (failed.size() > REMEMBERED_FAILURES) {
            Iterator<Long> oldest = failed.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
