package io.quiesce.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock moved by the simulation, so that minutes of traffic take seconds. Never goes back. */
final class SimulatedClock extends Clock {
    private volatile Instant now;

    SimulatedClock(Instant start) {
        this.now = start;
    }

    void advanceTo(Instant at) {
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
        // Only instants are read; the zone is never used.
        return this;
    }
}
