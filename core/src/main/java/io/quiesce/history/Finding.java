package io.quiesce.history;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One thing a replay points out; {@code server} and {@code service} are null when it concerns a whole pool. */
public record Finding(FindingCode code, Instant at, String pool, String server, String service, String detail) {
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code.name());
        m.put("at", at.toString());
        m.put("pool", pool);
        m.put("server", server);
        m.put("service", service);
        m.put("detail", detail);
        return m;
    }
}
