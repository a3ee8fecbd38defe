package io.quiesce.cli.demo;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The users of one pool: when the next one connects, with which feature, and when each
 * session they hold ends. Seeded, so a run can be repeated.
 */
final class Traffic {
    /** What the users do next. */
    sealed interface Move {
        Instant at();
    }

    record Connect(Instant at, String pool, String feature, String session) implements Move {
    }

    record HangUp(Instant at, String session) implements Move {
    }

    private final String pool;
    private final TrafficProfile profile;
    private final Random random;
    private final String idPrefix;
    private final List<String> features = new ArrayList<>();
    private final int totalWeight;
    private final PriorityQueue<HangUp> hangUps = new PriorityQueue<>(Comparator.comparing(HangUp::at));
    private Instant nextArrival;
    private int count;

    Traffic(String pool, TrafficProfile profile, Random random, String idPrefix, Instant start) {
        this.pool = pool;
        this.profile = profile;
        this.random = random;
        this.idPrefix = idPrefix;
        int total = 0;
        for (Map.Entry<String, Integer> e : profile.featureWeights().entrySet()) {
            features.add(e.getKey());
            total += e.getValue();
        }
        features.sort(Comparator.naturalOrder());
        this.totalWeight = total;
        this.nextArrival = start.plus(exponential(1 / profile.sessionsPerSecond()));
    }

    Instant nextAt() {
        HangUp first = hangUps.peek();
        return first != null && first.at().isBefore(nextArrival) ? first.at() : nextArrival;
    }

    /** The next move; a connection's hang-up is planned only once {@link #connected} says it was taken. */
    Move next() {
        HangUp first = hangUps.peek();
        if (first != null && first.at().isBefore(nextArrival)) {
            return hangUps.poll();
        }
        Connect c = new Connect(nextArrival, pool, pickFeature(), idPrefix + (++count));
        nextArrival = nextArrival.plus(exponential(1 / profile.sessionsPerSecond()));
        return c;
    }

    void connected(Connect c) {
        hangUps.add(new HangUp(c.at().plus(exponential(profile.meanLength().toMillis() / 1000.0)), c.session()));
    }

    private String pickFeature() {
        int n = random.nextInt(totalWeight);
        for (String f : features) {
            n -= profile.featureWeights().get(f);
            if (n < 0) {
                return f;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    private Duration exponential(double meanSeconds) {
        double seconds = -Math.log(1 - random.nextDouble()) * meanSeconds;
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
