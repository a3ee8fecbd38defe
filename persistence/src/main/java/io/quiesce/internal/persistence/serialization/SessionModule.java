package io.quiesce.internal.persistence.serialization;

import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quiesce.service.Session;

/**
 * Jackson's way to a core {@link Session} ({@link SessionMixin}), for every mapper that writes
 * states holding sessions: the journal's serializer, and Pekko's Jackson serializer where a
 * cluster sends a pool's state between nodes (named in its configuration, so public).
 */
public final class SessionModule extends SimpleModule {
    public SessionModule() {
        super("quiesce-session");
        setMixInAnnotation(Session.class, SessionMixin.class);
    }
}
