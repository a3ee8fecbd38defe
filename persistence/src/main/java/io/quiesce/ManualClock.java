package io.quiesce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock moved by hand, for tests, simulations and rehearsals of a runbook: give it to
 * {@link QuiesceOptions#withClock} and pause deadlines pass when it is moved past them (then
 * {@link Quiesce#checkDeadlines()}), not when the wall clock says so. Only instants are read.
 * Threads may move and read it at once: no move is lost.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock that reads {@code start} until it is moved. */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves by {@code by}, backwards too when it is negative (as a wall clock may be set back). */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    /** Moves to {@code at} when that is later; never back. */
    public void advanceTo(Instant at) {
        now.accumulateAndGet(at, (t, target) -> target.isAfter(t) ? target : t);
    }

    /** Where the clock was last moved to. */
    @Override
    public Instant instant() {
        return now.get();
    }

    /** UTC: only instants are read. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This same clock: only instants are read, so the zone does not matter. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
