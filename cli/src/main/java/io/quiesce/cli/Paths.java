package io.quiesce.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Names put into URL paths of the server's API. */
final class Paths {
    private Paths() {
    }

    /** One path segment: a server or pool name may hold any character, a '/' or a space included. */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
