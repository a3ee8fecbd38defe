package io.quiesce.service;

import java.time.Instant;
import java.util.Objects;

/** An established connection or call on one service of one server. */
public record Session(String id, String feature, Instant startedAt) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
