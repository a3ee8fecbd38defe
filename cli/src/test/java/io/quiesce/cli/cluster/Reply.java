package io.quiesce.cli.cluster;

import io.quiesce.formats.json.JsonText;

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
}
