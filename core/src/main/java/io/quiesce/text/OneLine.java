package io.quiesce.text;

/** Messages that quote input stay on one line: control characters in them are escaped. */
public final class OneLine {
    private OneLine() {
    }

    /** {@code text} with control and line-separator characters escaped as JSON escapes them. */
    public static String escapeControls(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
            b.append(control ? escape(c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
