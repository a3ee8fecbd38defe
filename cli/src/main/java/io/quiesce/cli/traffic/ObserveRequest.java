package io.quiesce.cli.traffic;

import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.JsonException;

import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/observe}: {@code {"server":"fe01","service":"RTCSRV","sessions":12}},
 * a load balancer's count of one service's open connections. Unknown fields are refused, as in
 * every other input: a typo must not pass silently.
 */
public record ObserveRequest(String server, String service, int sessions) {
    /** Bodies larger than this are refused before they are read. */
    public static final int MAX_BYTES = 4096;
    private static final Set<String> FIELDS = Set.of("server", "service", "sessions");

    /** Reads a body; a malformed one throws {@link IllegalArgumentException} with one sentence saying why. */
    public static ObserveRequest parse(String body) {
        Object value;
        try {
            value = JsonText.parse(body);
        } catch (JsonException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the body must be an object such as"
                    + " {\"server\":\"fe01\",\"service\":\"RTCSRV\",\"sessions\":12}.");
        }
        for (Object key : m.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("an observation has no field \"" + key
                        + "\": use server, service and sessions.");
            }
        }
        if (!(m.get("server") instanceof String server) || server.isBlank()) {
            throw new IllegalArgumentException("\"server\" must name a server.");
        }
        if (!(m.get("service") instanceof String service) || service.isBlank()) {
            throw new IllegalArgumentException("\"service\" must name a service, such as RTCSRV.");
        }
        if (!(m.get("sessions") instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"sessions\" must be a whole number from 0 to " + Integer.MAX_VALUE
                    + ".");
        }
        return new ObserveRequest(server, service, n.intValue());
    }
}
