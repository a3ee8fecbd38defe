package io.quiesce.rules;

import io.quiesce.service.ServiceStatus;

import java.time.Instant;
import java.util.List;

/**
 * Rule 15: what taking a server offline, or restarting it, would do now.
 *
 * @param sessions the sessions to wait for, or to interrupt by force
 * @param stop     taking the whole server offline
 * @param restart  restarting the server
 */
public record Plan(String server, String pool, ServiceStatus status, List<SessionView> sessions, Preview stop,
                   Preview restart) {
    /** Copies the sessions. */
    public Plan {
        sessions = List.copyOf(sessions);
    }

    /** One active session of the server. */
    public record SessionView(String service, String session, String feature, Instant startedAt) {
    }

    /**
     * One action previewed.
     *
     * @param blocked  a refusal that even force cannot override, or null
     * @param guards   the refusals that apply now without force (empty: it can go ahead as is)
     * @param outcomes each service's state before and after, if it went ahead (forced if need be)
     * @param warnings what the operator should know before doing it
     */
    public record Preview(Rejection blocked, List<Rejection> guards, List<ServiceOutcome> outcomes,
                          List<Warning> warnings) {
        /** Copies the lists. */
        public Preview {
            guards = List.copyOf(guards);
            outcomes = List.copyOf(outcomes);
            warnings = List.copyOf(warnings);
        }

        /** True when the action would go ahead now without force. */
        public boolean allowedNow() {
            return blocked == null && guards.isEmpty();
        }
    }
}
