package io.quiesce.formats.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-pass recursive-descent parser over a char index; one instance per document. Line and
 * column are only computed when an error is reported, keeping the happy path cheap.
 */
final class JsonParser {
    private static final int END = -1;

    private final String text;
    private int pos;
    private int depth;

    JsonParser(String text) {
        this.text = text;
    }

    Object parseDocument() {
        skipWhitespace();
        Object value = readValue();
        skipWhitespace();
        if (pos < text.length()) {
            throw fail(pos, "unexpected " + describe(text.charAt(pos)) + " after the JSON value");
        }
        return value;
    }

    private Object readValue() {
        int c = peek();
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> readNumber();
            case END -> throw fail(pos, "unexpected end of input, expected a value");
            default -> throw fail(pos, "unexpected " + describe((char) c) + ", expected a value");
        };
    }

    private Map<String, Object> readObject() {
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            return leave(map);
        }
        while (true) {
            if (peek() != '"') {
                throw fail(pos, "expected a double-quoted object key");
            }
            int keyAt = pos;
            String key = readString();
            // containsKey, not get: a first value of null must still count
            if (map.containsKey(key)) {
                throw fail(keyAt, "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            if (peek() != ':') {
                throw fail(pos, "expected ':' after object key");
            }
            pos++;
            skipWhitespace();
            map.put(key, readValue());
            skipWhitespace();
            int c = peek();
            if (c == '}') {
                return leave(map);
            }
            if (c != ',') {
                throw fail(pos, "expected ',' or '}' after an object member");
            }
            int comma = pos++;
            skipWhitespace();
            if (peek() == '}') {
                throw fail(comma, "trailing comma before '}'");
            }
        }
    }

    private List<Object> readArray() {
        enter();
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            return leave(list);
        }
        while (true) {
            list.add(readValue());
            skipWhitespace();
            int c = peek();
            if (c == ']') {
                return leave(list);
            }
            if (c != ',') {
                throw fail(pos, "expected ',' or ']' after an array element");
            }
            int comma = pos++;
            skipWhitespace();
            if (peek() == ']') {
                throw fail(comma, "trailing comma before ']'");
            }
        }
    }

    /** Consumes the opening bracket or brace, guarding the recursion depth. */
    private void enter() {
        if (++depth > Json.MAX_DEPTH) {
            throw fail(pos, "nesting deeper than " + Json.MAX_DEPTH + " levels");
        }
        pos++;
    }

    /** Consumes the closing bracket or brace. */
    private <T> T leave(T container) {
        pos++;
        depth--;
        return container;
    }

    private String readString() {
        pos++;
        // Copy only when an escape forces it: most strings are a plain substring.
        StringBuilder unescaped = null;
        int from = pos;
        while (true) {
            int c = peek();
            if (c == '"') {
                String tail = text.substring(from, pos++);
                return unescaped == null ? tail : unescaped.append(tail).toString();
            }
            if (c == '\\') {
                if (unescaped == null) {
                    unescaped = new StringBuilder();
                }
                unescaped.append(text, from, pos);
                readEscape(unescaped);
                from = pos;
            } else if (c == END) {
                throw fail(pos, "unterminated string");
            } else if (c < 0x20) {
                throw fail(pos, String.format("unescaped control character U+%04X in string", c));
            } else if (Character.isSurrogate((char) c)) {
                if (!Character.isHighSurrogate((char) c) || !Character.isLowSurrogate(charAt(pos + 1))) {
                    throw unpairedSurrogate(pos, c);
                }
                pos += 2;
            } else {
                pos++;
            }
        }
    }

    private void readEscape(StringBuilder out) {
        int at = pos++;
        int c = peek();
        if (c == END) {
            throw fail(pos, "unterminated string");
        }
        pos++;
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> readUnicodeEscape(out, at);
            default -> throw fail(at, "invalid escape sequence '\\" + (char) c + "'");
        }
    }

    /** After {@code \\u}: one code unit, or a high surrogate that must be followed by an escaped low one. */
    private void readUnicodeEscape(StringBuilder out, int at) {
        char unit = readHex4(at);
        if (Character.isHighSurrogate(unit)) {
            if (!text.startsWith("\\u", pos)) {
                throw unpairedSurrogate(at, unit);
            }
            int lowAt = pos;
            pos += 2;
            char low = readHex4(lowAt);
            if (!Character.isLowSurrogate(low)) {
                throw unpairedSurrogate(at, unit);
            }
            out.append(unit).append(low);
        } else if (Character.isLowSurrogate(unit)) {
            throw unpairedSurrogate(at, unit);
        } else {
            out.append(unit);
        }
    }

    private char readHex4(int at) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexValue(peek());
            if (digit < 0) {
                throw fail(at, "invalid \\u escape, expected 4 hex digits");
            }
            value = value << 4 | digit;
            pos++;
        }
        return (char) value;
    }

    /** ASCII hex only: Character.digit would also accept full-width and other Unicode digits. */
    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private Object readLiteral(String word, Boolean value) {
        if (!text.startsWith(word, pos)) {
            throw fail(pos, "invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private Object readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw fail(start, "leading zeros are not allowed");
            }
        } else {
            readDigits();
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            readDigits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            readDigits();
            integral = false;
        }
        String literal = text.substring(start, pos);
        try {
            return integral ? integer(literal) : new BigDecimal(literal);
        } catch (NumberFormatException e) {
            // only an exponent beyond the int range gets here
            throw fail(start, "number out of range");
        }
    }

    /** Long when it fits; overflow is rare enough that the exception path costs nothing overall. */
    private static Object integer(String literal) {
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            return new BigDecimal(literal);
        }
    }

    private void readDigits() {
        if (!isDigit(peek())) {
            throw fail(pos, "expected a digit");
        }
        do {
            pos++;
        } while (isDigit(peek()));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (true) {
            int c = peek();
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The char at {@code pos}, or {@link #END}: keeps bounds checks out of every caller. */
    private int peek() {
        return pos < text.length() ? text.charAt(pos) : END;
    }

    /** The char at {@code index}, or NUL past the end (NUL is never a valid surrogate half). */
    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private JsonException unpairedSurrogate(int at, int unit) {
        return fail(at, String.format("unpaired surrogate U+%04X", unit));
    }

    /** Printable ASCII as itself, anything else (invisible or look-alike) as its code point. */
    private static String describe(char c) {
        return c >= '!' && c <= '~' ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private JsonException fail(int at, String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(problem, line, at - lineStart + 1);
    }
}
