package io.quiesce.cli.demo;


import io.quiesce.catalog.Feature;
import io.quiesce.catalog.Role;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How users load a pool: new sessions per second (a Poisson process), how long a session lasts
 * on average (exponentially distributed), and how often each feature is used.
 */
record TrafficProfile(double sessionsPerSecond, Duration meanLength, Map<String, Integer> featureWeights) {
    /** Relative use of the default role's features; registration and presence hold no session here. */
    private static final Map<String, Integer> TYPICAL = Map.ofEntries(
            Map.entry("calls", 30), Map.entry("im", 20), Map.entry("av-conferencing", 12),
            Map.entry("im-conferencing", 8), Map.entry("web-conferencing", 6), Map.entry("app-sharing", 6),
            Map.entry("call-park", 6), Map.entry("response-group", 4), Map.entry("attendant", 3),
            Map.entry("conferencing-announcement", 2), Map.entry("announcement", 2),
            Map.entry("registration", 0), Map.entry("presence", 0));
    /** Weight of a feature of a user's own catalog that the mix above does not know. */
    private static final int OTHER = 5;

    TrafficProfile {
        if (!(sessionsPerSecond > 0) || meanLength.isNegative() || meanLength.isZero()) {
            throw new IllegalArgumentException("traffic needs a positive rate and a positive mean length");
        }
        featureWeights = Map.copyOf(featureWeights);
    }

    /** A typical mix over the features of {@code role}. */
    static TrafficProfile typical(double sessionsPerSecond, Duration meanLength, Role role) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        role.services().forEach(s -> s.features().stream().map(Feature::id)
                .forEach(f -> weights.put(f, TYPICAL.getOrDefault(f, OTHER))));
        weights.values().removeIf(w -> w == 0);
        return new TrafficProfile(sessionsPerSecond, meanLength, weights);
    }
}
