package io.quiesce.formats.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON writer; one instance per document. It refuses what {@link JsonParser} would
 * refuse to read back (non-finite numbers, unpaired surrogates, over-deep nesting).
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    String write(Object value) {
        value(value);
        return out.toString();
    }

    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            number(n);
        } else if (value instanceof Map<?, ?> map) {
            object(map);
        } else if (value instanceof List<?> list) {
            array(list);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("JSON has no representation for " + n);
            }
        } else if (!(n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal)) {
            // other Number types (AtomicLong, custom ones) have no guarantee their toString is a JSON number
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
        }
        out.append(n);
    }

    private void object(Map<?, ?> map) {
        enter();
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, not " + entry.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(key);
            out.append(':');
            value(entry.getValue());
        }
        out.append('}');
        depth--;
    }

    private void array(List<?> list) {
        enter();
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(list.get(i));
        }
        out.append(']');
        depth--;
    }

    private void enter() {
        if (++depth > Json.MAX_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + Json.MAX_DEPTH + " levels");
        }
    }

    private void string(String s) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                out.append(s, from, i).append(escape(c));
                from = i + 1;
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException(String.format("unpaired surrogate U+%04X in string", (int) c));
                }
                i++;
            }
        }
        out.append(s, from, s.length()).append('"');
    }

    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
