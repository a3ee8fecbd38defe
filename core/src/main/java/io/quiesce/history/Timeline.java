package io.quiesce.history;

import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened over time, as a replay saw it: each service's status intervals and session
 * counts, interruptions, lost connections and administrative acts. Memory stays bounded for
 * histories of any length: session counts are thinned past {@value #MAX_SAMPLES} points per
 * service (keeping each stretch's peak), and at most {@value #MAX_DETAILS} interruptions, lost
 * connections and acts are kept one by one (their totals are always exact).
 */
public final class Timeline {
    public static final int MAX_SAMPLES = 4096;
    static final int MAX_DETAILS = 10_000;

    /** A service's status from {@code from} until {@code to} (null: still so at the end). */
    public record Interval(ServiceStatus status, Instant from, Instant to) {
    }

    /**
     * One interrupted session, or ({@code session} and {@code feature} null) {@code sessions}
     * observed ones that a load balancer counted without ids.
     */
    public record Interruption(Instant at, String pool, String server, String service, String session,
                               String feature, InterruptionCause cause, int sessions) {
        public Interruption(Instant at, String pool, String server, String service, String session, String feature,
                            InterruptionCause cause) {
            this(at, pool, server, service, session, feature, cause, 1);
        }

        /** The session's id, or how many observed sessions this stands for. */
        public String label() {
            return session != null ? session : sessions + " observed session(s)";
        }
    }

    public record LostConnection(Instant at, String pool, String feature, String session) {
    }

    /** An administrative act, for markers on a timeline. */
    public record AdminAct(Instant at, String by, String what, String server, String service, String reason) {
    }

    /** A service's session count from {@code at} on (the peak of a thinned stretch). */
    public record Sample(Instant at, int sessions) {
    }

    /** One service's lane. */
    public static final class Lane {
        private final String server;
        private final String service;
        private final List<Interval> intervals = new ArrayList<>();
        /*
         * The samples as two arrays, not as records in a list: thinning reads every count, and
         * counts side by side in memory cost a replay far less than a pointer to follow each.
         */
        private Instant[] times = new Instant[64];
        private int[] counts = new int[64];
        private int size;

        Lane(String server, String service) {
            this.server = server;
            this.service = service;
        }

        public String server() {
            return server;
        }

        public String service() {
            return service;
        }

        public List<Interval> intervals() {
            return Collections.unmodifiableList(intervals);
        }

        public List<Sample> samples() {
            List<Sample> samples = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                samples.add(new Sample(times[i], counts[i]));
            }
            return Collections.unmodifiableList(samples);
        }

        void status(ServiceStatus status, Instant at) {
            if (!intervals.isEmpty()) {
                Interval open = intervals.get(intervals.size() - 1);
                if (open.status() == status) {
                    return;
                }
                intervals.set(intervals.size() - 1, new Interval(open.status(), open.from(), at));
            }
            intervals.add(new Interval(status, at, null));
        }

        void sessions(int count, Instant at) {
            if (size > 0 && times[size - 1].equals(at)) {
                times[size - 1] = at;
                counts[size - 1] = count;
            } else {
                if (size == times.length) {
                    times = Arrays.copyOf(times, size * 2);
                    counts = Arrays.copyOf(counts, size * 2);
                }
                times[size] = at;
                counts[size++] = count;
            }
            if (size > MAX_SAMPLES) {
                // In place, each pair into the first's slot, keeping the pair's peak.
                int kept = 0;
                for (int i = 0; i < size; i += 2) {
                    times[kept] = times[i];
                    counts[kept++] = i + 1 < size ? Math.max(counts[i], counts[i + 1]) : counts[i];
                }
                Arrays.fill(times, kept, size, null);
                size = kept;
            }
        }
    }

    /** A lane's key: a record, so finding a lane per event builds no string. */
    private record LaneKey(String server, String service) {
    }

    private final Map<LaneKey, Lane> lanes = new LinkedHashMap<>();
    /** The lanes {@link #lane} found last, the oldest replaced next. */
    private final Lane[] recent = new Lane[4];
    private int next;
    private final List<Interruption> interruptions = new ArrayList<>();
    private final List<LostConnection> lost = new ArrayList<>();
    private final List<AdminAct> acts = new ArrayList<>();
    private long interruptionCount;
    private long detailedInterruptions;
    private long lostCount;
    private Instant first;
    private Instant last;

    Lane lane(String server, String service) {
        // The lanes of the last few lookups first, by reference: the events of a history name their few
        // busy services with the same strings line after line (a reader keeps one of each name).
        for (Lane recent : recent) {
            if (recent != null && recent.server == server && recent.service == service) {
                return recent;
            }
        }
        Lane lane = lookUp(server, service);
        recent[next] = lane;
        next = (next + 1) % recent.length;
        return lane;
    }

    private Lane lookUp(String server, String service) {
        LaneKey key = new LaneKey(server, service);
        Lane lane = lanes.get(key);
        if (lane == null) {
            lane = new Lane(server, service);
            lanes.put(key, lane);
        }
        return lane;
    }

    void seen(Instant at) {
        if (first == null) {
            first = at;
        }
        last = at;
    }

    void interrupted(Interruption i) {
        interruptionCount += i.sessions();
        if (interruptions.size() < MAX_DETAILS) {
            interruptions.add(i);
            detailedInterruptions += i.sessions();
        }
    }

    void lost(LostConnection l) {
        lostCount++;
        if (lost.size() < MAX_DETAILS) {
            lost.add(l);
        }
    }

    void act(AdminAct a) {
        if (acts.size() < MAX_DETAILS) {
            acts.add(a);
        }
    }

    public List<Lane> lanes() {
        return List.copyOf(lanes.values());
    }

    public List<Interruption> interruptions() {
        return Collections.unmodifiableList(interruptions);
    }

    public List<LostConnection> lostConnections() {
        return Collections.unmodifiableList(lost);
    }

    public List<AdminAct> acts() {
        return Collections.unmodifiableList(acts);
    }

    public long interruptionCount() {
        return interruptionCount;
    }

    /** Interrupted sessions counted but not kept one by one in {@link #interruptions()}. */
    public long interruptionsNotDetailed() {
        return interruptionCount - detailedInterruptions;
    }

    public long lostCount() {
        return lostCount;
    }

    /** The time of the first line replayed, or null for an empty history. */
    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }
}
