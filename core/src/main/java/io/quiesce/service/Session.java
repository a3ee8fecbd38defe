package io.quiesce.service;

import java.time.Instant;
import java.util.Objects;

/**
 * An established connection or call on one service of one server.
 *
 * <p>A value with the accessors of a record ({@code id()}, {@code feature()}, {@code startedAt()}),
 * but a class: it keeps its start as seconds and nanoseconds, not as an {@link Instant}, which
 * would be one more object (24 bytes) for each of the many sessions a deployment holds.
 */
public final class Session {
    private final String id;
    private final String feature;
    private final long startSecond;
    private final int startNano;

    public Session(String id, String feature, Instant startedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.feature = Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(startedAt, "startedAt");
        this.startSecond = startedAt.getEpochSecond();
        this.startNano = startedAt.getNano();
    }

    public String id() {
        return id;
    }

    public String feature() {
        return feature;
    }

    public Instant startedAt() {
        return Instant.ofEpochSecond(startSecond, startNano);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session s && id.equals(s.id) && feature.equals(s.feature) && startSecond == s.startSecond
                && startNano == s.startNano;
    }

    @Override
    public int hashCode() {
        return (id.hashCode() * 31 + feature.hashCode()) * 31 + Long.hashCode(startSecond) * 31 + startNano;
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", feature=" + feature + ", startedAt=" + startedAt() + "]";
    }
}
