package io.quiesce.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock moved by hand, for tests, simulations and rehearsals of a runbook: give it to
 * {@link QuiesceOptions#withClock} and pause deadlines pass when it is moved past them (then
 * {@link Quiesce#checkDeadlines()}), not when the wall clock says so. Only instants are read.
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves by {@code by}, backwards too when it is negative (as a wall clock may be set back). */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Moves to {@code at} when that is later; never back. */
    public void advanceTo(Instant at) {
        if (at.isAfter(now)) {
            now = at;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
