package io.quiesce.formats.json;

/**
 * A small, strict JSON (RFC 8259) reader and writer, JDK only, so that the core stays free of
 * third-party dependencies.
 *
 * <p>Values map to Java as: object {@code Map<String, Object>} (a {@code LinkedHashMap}, key
 * order kept), array {@code List<Object>}, string {@code String}, {@code true}/{@code false}
 * {@code Boolean}, {@code null} {@code null}, an integer {@code Long} when it fits else
 * {@code BigDecimal}, any number with a fraction or exponent {@code BigDecimal}.
 */
public final class Json {
    /** Deepest nesting of arrays and objects read or written, so hostile input cannot overflow the stack. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Parses one JSON text. Strict: no comments, trailing commas, single quotes, leading zeros,
     * unescaped control characters, unpaired surrogates, duplicate keys or trailing content.
     *
     * @throws JsonException naming the line and column of the first fault
     */
    public static Object parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    /**
     * Writes {@code value} as compact JSON. Accepts {@code Map} with {@code String} keys (written
     * in iteration order), {@code List}, {@code String}, {@code Boolean}, {@code null}, and the
     * numbers {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger},
     * {@code BigDecimal} and finite {@code Double}/{@code Float}. Non-ASCII text is written as is.
     *
     * @throws IllegalArgumentException for a value JSON cannot represent, so that whatever is
     *                                  written can be parsed back
     */
    public static String write(Object value) {
        return new JsonWriter().write(value);
    }
}
