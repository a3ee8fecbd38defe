package io.quiesce.history;

import java.time.Instant;

/** One thing a replay points out; {@code server} and {@code service} are null when it concerns a whole pool. */
public record Finding(FindingCode code, Instant at, String pool, String server, String service, String detail) {
}
