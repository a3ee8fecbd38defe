package io.quiesce.hostile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Generated inputs shown in a failure message: controls escaped, long ones cut. */
final class Printable {
    private static final int MAX = 600;

    private Printable() {
    }

    static String abbreviate(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "... (" + text.length() + " chars)\n";
    }

    static String escaped(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate((char) c) && c < 0x10000) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return text.length() > MAX ? b + "... (" + text.length() + " chars)" : b.toString();
    }

    static String args(String[] args) {
        return Arrays.stream(args).map(a -> "'" + escaped(a) + "'").collect(Collectors.joining(" "));
    }
}
