package io.quiesce.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The simpler values an argument can shrink to, simplest first. */
final class Shrinks {
    /** The Front-End service: the one a person reading a counterexample knows first. */
    static final String SIMPLEST_SERVICE = "RTCSRV";
    static final String SIMPLEST_FEATURE = "im";

    private Shrinks() {
    }

    /** A named service can become the whole server or the Front-End service. */
    static List<String> services(String service) {
        List<String> out = new ArrayList<>();
        if (service != null) {
            out.add(null);
            if (!service.equals(SIMPLEST_SERVICE)) {
                out.add(SIMPLEST_SERVICE);
            }
        }
        return out;
    }

    /** One minute, then half, in whole minutes (the generator only makes whole minutes). */
    static List<Duration> shorter(Duration d) {
        List<Duration> out = new ArrayList<>();
        long minutes = d.toMinutes();
        if (minutes > 1) {
            out.add(Duration.ofMinutes(1));
        }
        if (minutes > 3) {
            out.add(Duration.ofMinutes(minutes / 2));
        }
        return out;
    }
}
