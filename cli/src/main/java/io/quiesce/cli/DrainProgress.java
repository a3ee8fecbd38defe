package io.quiesce.cli;

import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.ServiceStatus;
import io.quiesce.text.Names;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@code wait} stands: whether the condition holds for the services addressed, how many
 * sessions are left on them, and when they should be gone at the rate sessions have been ending.
 * Fed with the server's status in the {@code status --json} shape and the session ends as they are
 * recorded, so a wait through a server and a direct one reason alike.
 */
final class DrainProgress {
    /** Session ends the rate is taken from: recent enough to follow a change of pace. */
    static final int RATE_WINDOW = 20;

    private final String server;
    private final String service;
    private final WaitCondition condition;
    private final Deque<Instant> ends = new ArrayDeque<>();
    private boolean holds;
    private long sessionsLeft;

    DrainProgress(String server, String service, WaitCondition condition) {
        this.server = server;
        this.service = service;
        this.condition = condition;
    }

    /**
     * Takes the latest status ({@code {"pools":[...]}}); the refusal when the server or service is
     * unknown.
     */
    Optional<Rejection> update(Map<String, Object> status) {
        Map<String, Object> found = find(status);
        if (found == null) {
            return Optional.of(new Rejection(RejectionCode.UNKNOWN_SERVER, "no server named " + server
                    + ": check the name with status."));
        }
        List<Map<String, Object>> services = list(found.get("services")).stream()
                .filter(s -> service == null || service.equalsIgnoreCase((String) s.get("name"))
                        || service.equalsIgnoreCase((String) s.get("shortName")))
                .toList();
        if (services.isEmpty()) {
            return Optional.of(new Rejection(RejectionCode.UNKNOWN_SERVICE, server + " has no service " + service
                    + ": see its services with 'quiesce status " + server + "'."));
        }
        holds = services.stream().allMatch(s -> condition.holdsFor(ServiceStatus.valueOf((String) s.get("status"))));
        sessionsLeft = services.stream().mapToLong(s -> ((Number) s.get("sessions")).longValue()).sum();
        return Optional.empty();
    }

    /** A session of the server ended or was cut off at {@code at}. */
    void sessionEnded(Instant at) {
        ends.addLast(at);
        while (ends.size() > RATE_WINDOW) {
            ends.removeFirst();
        }
    }

    boolean holds() {
        return holds;
    }

    long sessionsLeft() {
        return sessionsLeft;
    }

    /** The time to drained at the recent rate of session ends; empty while there is no rate yet. */
    Optional<Duration> estimate() {
        if (ends.size() < 2 || sessionsLeft == 0) {
            return sessionsLeft == 0 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        long spanMillis = Duration.between(ends.getFirst(), ends.getLast()).toMillis();
        if (spanMillis <= 0) {
            return Optional.empty();
        }
        double perMilli = (ends.size() - 1) / (double) spanMillis;
        return Optional.of(Duration.ofMillis(Math.round(sessionsLeft / perMilli)));
    }

    /** The progress line of a drain, for stderr. */
    String line() {
        String what = server + (service == null ? "" : " " + service);
        if (condition != WaitCondition.DRAINED) {
            return "wait: " + what + ": not " + condition.label() + " yet";
        }
        return "wait: " + what + ": " + sessions(sessionsLeft) + " left, "
                + estimate().map(d -> "drained in about " + Durations.format(d)).orElse("time to drained unknown");
    }

    static String sessions(long n) {
        return n + (n == 1 ? " session" : " sessions");
    }

    private Map<String, Object> find(Map<String, Object> status) {
        for (Map<String, Object> pool : list(status.get("pools"))) {
            for (Map<String, Object> s : list(pool.get("servers"))) {
                if (s.get("name") instanceof String name && Names.same(server, name)) {
                    return s;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object json) {
        return json instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
