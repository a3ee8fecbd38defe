package io.quiesce.internal.persistence.serialization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A {@link io.quiesce.service.Session} in snapshots, as it was stored while it was a record: its
 * three accessors as properties, read back through its constructor. The class keeps its start as
 * numbers, so its fields are not what is stored.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
abstract class SessionMixin {
    @JsonCreator
    SessionMixin(@JsonProperty("id") String id, @JsonProperty("feature") String feature,
                 @JsonProperty("startedAt") Instant startedAt) {
    }

    @JsonProperty("id")
    abstract String id();

    @JsonProperty("feature")
    abstract String feature();

    @JsonProperty("startedAt")
    abstract Instant startedAt();
}
