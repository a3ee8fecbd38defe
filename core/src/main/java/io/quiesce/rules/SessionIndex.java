package io.quiesce.rules;

import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.Session;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which service holds each active session, so that finding a session (every Connect checks that
 * its id is new, every End needs its service) is one lookup instead of a search through every
 * service of every server. Derived from the servers: built from them once, when a deployment is
 * made from states, then kept up to date change by change. Persistent like the session maps, so
 * consecutive deployments share all of it but a path per changed session; unordered (an
 * {@link IdTrie}), since nothing reads it in order.
 *
 * <p>The rules never put one session id on two services, but a journal can: services record
 * their events independently, so a failed write can leave an id that ended on one service and
 * started on another active on both after recovery. The index then names the first holder in the
 * order a search finds it (servers by name, then services in their order), and counts the
 * holdings beyond the first of each id; only while there are some does removing a session search
 * for another holder.
 */
final class SessionIndex {
    /** One service by name; one instance per service, shared by every entry naming it. */
    private record Place(String server, String service) {
    }

    private final IdTrie<Place> places;
    /** The shared instance of each place: a fresh one per session would cost 24 bytes each. */
    private final Map<Place, Place> known;
    /** Holdings beyond the first of each session id: 0 unless a journal contradicted the rules. */
    private final int extra;

    private SessionIndex(IdTrie<Place> places, Map<Place, Place> known, int extra) {
        this.places = places;
        this.known = known;
        this.extra = extra;
    }

    /** The index of these servers, in the deployment's order (by name). */
    static SessionIndex of(Map<String, ServerState> servers) {
        IdTrie<Place> places = IdTrie.empty();
        Map<Place, Place> known = new HashMap<>();
        int extra = 0;
        for (ServerState server : servers.values()) {
            for (ServiceState service : server.services().values()) {
                Place place = new Place(service.server(), service.name());
                known.put(place, place);
                for (String id : service.sessions().keySet()) {
                    if (places.get(id) != null) {
                        extra++;
                    } else {
                        places = places.with(id, place);
                    }
                }
            }
        }
        return new SessionIndex(places, known, extra);
    }

    /** The service holding the session, in these servers (those the index was kept for). */
    Optional<ServiceState> holder(String session, Map<String, ServerState> servers) {
        Place place = places.get(session);
        return place == null ? Optional.empty() : Optional.of(servers.get(place.server()).service(place.service()));
    }

    /** Whether some service holds the session. */
    boolean holds(String session) {
        return places.get(session) != null;
    }

    /**
     * The index once a service changed from {@code before} (null for a new service) to
     * {@code after}, as {@code servers} now show. {@code session}, when not null, is the only
     * session whose presence can have changed (a session event's); otherwise every session of
     * both states is compared.
     */
    SessionIndex changed(ServiceState before, ServiceState after, String session, Map<String, ServerState> servers) {
        Map<String, Session> was = before == null ? Map.of() : before.sessions();
        Map<String, Session> is = after.sessions();
        if (was == is) {
            return this;
        }
        Place place = known.get(new Place(after.server(), after.name()));
        SessionIndex next = this;
        if (place == null) {
            place = new Place(after.server(), after.name());
            next = knowing(place);
        }
        if (session != null) {
            // Only that session can have come or gone, so the sizes say which, without looking it up.
            int change = is.size() - was.size();
            return change == 0 ? next : change > 0 ? next.added(session, place, servers) : next.removed(session, servers);
        }
        for (String id : was.keySet()) {
            if (!is.containsKey(id)) {
                next = next.removed(id, servers);
            }
        }
        for (String id : is.keySet()) {
            if (!was.containsKey(id)) {
                next = next.added(id, place, servers);
            }
        }
        return next;
    }

    private SessionIndex knowing(Place place) {
        Map<Place, Place> more = new HashMap<>(known);
        more.put(place, place);
        return new SessionIndex(places, more, extra);
    }

    private SessionIndex added(String id, Place place, Map<String, ServerState> servers) {
        IdTrie<Place> more = places.with(id, place);
        if (more.size() > places.size()) {
            return new SessionIndex(more, known, extra);
        }
        return new SessionIndex(places.with(id, firstHolder(id, servers)), known, extra + 1);
    }

    private SessionIndex removed(String id, Map<String, ServerState> servers) {
        if (extra == 0) {
            return new SessionIndex(places.without(id), known, 0);
        }
        Place other = firstHolder(id, servers);
        return other == null ? new SessionIndex(places.without(id), known, extra)
                : new SessionIndex(places.with(id, other), known, extra - 1);
    }

    /** The first service holding the session, searched as {@link #of} orders them. */
    private Place firstHolder(String id, Map<String, ServerState> servers) {
        for (ServerState server : servers.values()) {
            for (ServiceState service : server.services().values()) {
                if (service.sessions().containsKey(id)) {
                    return known.get(new Place(service.server(), service.name()));
                }
            }
        }
        return null;
    }
}
