package io.quiesce.cli;

import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.RolloutOptions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's options as they travel to a server: the fields of a JSON body or of a query
 * ({@code servers}, {@code maxUnavailable}, {@code drainTimeout} as ISO-8601, {@code onTimeout},
 * {@code exec}). Both sides use it, so what the command line sends is what the server reads.
 */
public final class RolloutWire {
    /** The fields of the options. */
    public static final List<String> FIELDS = List.of("servers", "maxUnavailable", "drainTimeout", "onTimeout",
            "exec");

    private RolloutWire() {
    }

    /** The options as fields; those left at their default are left out. */
    public static Map<String, Object> encode(RolloutOptions options) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!options.servers().isEmpty()) {
            m.put("servers", String.join(",", options.servers()));
        }
        m.put("maxUnavailable", options.maxUnavailable());
        if (options.drainTimeout() != null) {
            m.put("drainTimeout", options.drainTimeout().toString());
        }
        m.put("onTimeout", options.onTimeout().label());
        if (options.exec() != null) {
            m.put("exec", options.exec());
        }
        return m;
    }

    /** The same fields as a query's strings. */
    public static Map<String, String> query(RolloutOptions options) {
        Map<String, String> q = new LinkedHashMap<>();
        encode(options).forEach((k, v) -> q.put(k, String.valueOf(v)));
        return q;
    }

    /**
     * Reads the options back from a body or a query (values as JSON or as strings).
     *
     * @throws IllegalArgumentException with a sentence for the caller, for a value that is not one
     */
    public static RolloutOptions decode(Map<String, ?> fields) {
        RolloutOptions o = RolloutOptions.defaults();
        if (fields.get("servers") instanceof String names && !names.isBlank()) {
            o = o.withServers(Arrays.stream(names.split(",")).map(String::trim).toList());
        } else if (fields.get("servers") instanceof List<?> names) {
            o = o.withServers(names.stream().map(String::valueOf).map(String::trim).toList());
        }
        Object max = fields.get("maxUnavailable");
        if (max instanceof Number n) {
            o = o.withMaxUnavailable(n.intValue());
        } else if (max != null) {
            try {
                o = o.withMaxUnavailable(Integer.parseInt(String.valueOf(max).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("maxUnavailable is a number of servers, not " + max + ".");
            }
        }
        Duration timeout = null;
        if (fields.get("drainTimeout") != null) {
            try {
                timeout = Duration.parse(String.valueOf(fields.get("drainTimeout")).trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("drainTimeout is an ISO-8601 duration such as PT5M, not "
                        + fields.get("drainTimeout") + ".");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--drain-timeout must be a positive duration, not " + timeout + ".");
            }
        }
        OnTimeout then = OnTimeout.WAIT;
        if (fields.get("onTimeout") != null) {
            String text = String.valueOf(fields.get("onTimeout"));
            then = OnTimeout.parse(text.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "onTimeout is wait, force or abort, not " + text + "."));
        }
        o = o.withDrainTimeout(timeout, then);
        if (fields.get("exec") != null) {
            String exec = String.valueOf(fields.get("exec"));
            if (exec.isBlank()) {
                throw new IllegalArgumentException("--exec needs a command.");
            }
            o = o.withExec(exec);
        }
        return o;
    }
}
