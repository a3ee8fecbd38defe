package io.quiesce.text;

import java.util.Comparator;

/**
 * Pool, server and role names compare as Windows compares host names: ignoring case. Each keeps
 * the spelling it was created with; {@code fe01} and {@code FE01} are one server.
 */
public final class Names {
    /** The order servers are listed in, and in which routing breaks ties between them. */
    public static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER;

    private Names() {
    }

    public static boolean same(String a, String b) {
        return ORDER.compare(a, b) == 0;
    }
}
