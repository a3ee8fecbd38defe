package io.quiesce.service;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The active sessions of a service: an immutable map, ordered by session id, where adding or
 * removing a session shares all but a logarithmic path with the previous map. A service with
 * thousands of sessions then changes state in microseconds instead of copying them all.
 * (An {@link IdMap} of sessions; read-only as a {@link Map}.)
 */
public final class SessionMap extends AbstractMap<String, Session> {
    private static final SessionMap EMPTY = new SessionMap(IdMap.empty());

    private final IdMap<Session> byId;

    private SessionMap(IdMap<Session> byId) {
        this.byId = byId;
    }

    public static SessionMap empty() {
        return EMPTY;
    }

    public static SessionMap copyOf(Map<String, Session> sessions) {
        if (sessions instanceof SessionMap m) {
            return m;
        }
        SessionMap result = EMPTY;
        for (Session s : sessions.values()) {
            result = result.with(s);
        }
        return result;
    }

    /** This map with the session added (or replaced, by id). */
    public SessionMap with(Session session) {
        return new SessionMap(byId.with(session.id(), session));
    }

    /** This map without the session of that id. */
    public SessionMap without(String id) {
        IdMap<Session> next = byId.without(id);
        return next == byId ? this : new SessionMap(next);
    }

    @Override
    public int size() {
        return byId.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return byId.containsKey(key);
    }

    @Override
    public Session get(Object key) {
        return byId.get(key);
    }

    @Override
    public Set<Entry<String, Session>> entrySet() {
        return byId.entrySet();
    }
}
