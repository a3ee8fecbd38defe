package io.quiesce.cli.cluster;

import io.quiesce.formats.json.JsonText;

import java.util.List;
import java.util.Map;

/** One HTTP answer of a node: its status code and body. */
record Reply(int status, String body) {
    boolean ok() {
        return status == 200;
    }

    /** The body as a JSON object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
        if (JsonText.parse(body) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new AssertionError("not a JSON object (HTTP " + status + "): " + body);
    }

    /** The body as JSON Lines (the history), one object per line. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines() {
        return body.lines().filter(l -> !l.isBlank()).map(l -> (Map<String, Object>) JsonText.parse(l)).toList();
    }
}
