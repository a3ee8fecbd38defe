package io.quiesce.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quiesce's JSON text on Jackson's streaming API: one strictly configured factory, a reader of
 * whole documents into plain Java values and a writer of them.
 *
 * <p>Values map to Java as: object {@code Map<String, Object>} (a {@code LinkedHashMap}, key
 * order kept), array {@code List<Object>}, string {@code String}, {@code true}/{@code false}
 * {@code Boolean}, {@code null} {@code null}, an integer {@code Long} when it fits else
 * {@code BigDecimal}, any number with a fraction or exponent {@code BigDecimal}.
 *
 * <p>Strict: no comments, trailing commas, single quotes, leading zeros, unescaped control
 * characters, unpaired surrogates, duplicate keys, trailing content or nesting deeper than
 * {@value #MAX_DEPTH} levels.
 */
public final class JsonText {
    /** Deepest nesting of arrays and objects read or written, so hostile input cannot overflow the stack. */
    public static final int MAX_DEPTH = 512;

    static final JsonFactory FACTORY = JsonFactory.builder()
            // an emoji is written as its UTF-8 bytes, not as two \\u escapes
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build()
            .setCharacterEscapes(LowerCaseEscapes.INSTANCE);

    private JsonText() {
    }

    /**
     * A factory set up as the one of this class, for a reader that makes parsers of its own kind:
     * a copy, so that the one every other parser comes from stays as it is.
     */
    public static JsonFactory settings() {
        return FACTORY.copy();
    }

    /** A parser of one document held in a string; columns of its errors count UTF-16 chars. */
    public static JsonParser parser(String text) {
        try {
            return FACTORY.createParser(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parser of one document held in UTF-8 bytes. */
    public static JsonParser parser(byte[] utf8, int offset, int length) {
        try {
            return FACTORY.createParser(utf8, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one JSON text into plain values (see the class comment).
     *
     * @throws JsonException naming the line and column of the first fault
     */
    public static Object parse(String text) {
        try (JsonParser p = parser(text)) {
            Object value = value(p, first(p));
            end(p);
            return value;
        } catch (JsonProcessingException e) {
            throw JsonException.of(e, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first token of a document; an empty text has none. */
    public static JsonToken first(JsonParser p) throws IOException {
        JsonToken token = p.nextToken();
        if (token == null) {
            throw new JsonParseException(p, "unexpected end of input, expected a value");
        }
        return token;
    }

    /** After the one value of a document, only whitespace may follow. */
    public static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "unexpected content after the JSON value");
        }
    }

    /** The value starting at {@code token}, the parser's current token. */
    public static Object value(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String key = text(p, p.currentName());
                    // containsKey, not put's answer: a first value of null must still count
                    if (map.containsKey(key)) {
                        throw duplicate(p, key);
                    }
                    map.put(key, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(value(p, t));
                }
                yield list;
            }
            default -> scalar(p, token);
        };
    }

    /** A string, number, boolean or null at the current token. */
    static Object scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> text(p, p.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? decimal(p) : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> decimal(p);
            default -> throw new JsonParseException(p, "unexpected " + token);
        };
    }

    /** A key read twice in one object: which value was meant cannot be known. */
    static JsonParseException duplicate(JsonParser p, String key) {
        return new JsonParseException(p, "duplicate key \"" + key + "\"", p.currentTokenLocation());
    }

    private static BigDecimal decimal(JsonParser p) throws IOException {
        try {
            return new BigDecimal(p.getText());
        } catch (NumberFormatException e) {
            // only an exponent beyond the int range gets here
            throw new JsonParseException(p, "number out of range", p.currentTokenLocation());
        }
    }

    /** Jackson lets an escaped lone surrogate through; text that cannot be written as UTF-8 is refused here. */
    static String text(JsonParser p, String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new JsonParseException(p, String.format("unpaired surrogate U+%04X", (int) c),
                            p.currentTokenLocation());
                }
                i++;
            }
        }
        return s;
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
        return writeWith(g -> write(g, value));
    }

    /** What {@code body} writes to a generator, as text. */
    public static String writeWith(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            body.writeTo(g);
        } catch (IOException e) {
            // generators over memory fail only on what they cannot represent (a lone surrogate, too deep)
            String problem = e.getMessage().startsWith("Document nesting depth")
                    ? "nesting deeper than " + MAX_DEPTH + " levels" : e.getMessage();
            throw new IllegalArgumentException(problem, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Something that writes JSON to a generator. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** Writes one plain value (see {@link #write(Object)}) to a generator. */
    public static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(paired(s));
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Number n) {
            number(g, n);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, not " + entry.getKey());
                }
                g.writeFieldName(paired(key));
                write(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                write(g, element);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /** Text that can be read back: Jackson would write a lone surrogate as it is. */
    private static String paired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException(String.format("unpaired surrogate U+%04X in string", (int) c));
                }
                i++;
            }
        }
        return s;
    }

    private static void number(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            g.writeNumber(n.longValue());
        } else if (n instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (n instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("JSON has no representation for " + n);
            }
            // as Java prints them, so 0.25f stays 0.25
            g.writeNumber(n.toString());
        } else {
            // other Number types (AtomicLong, custom ones) have no guarantee their toString is a JSON number
            throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
        }
    }
}
