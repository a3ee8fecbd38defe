package io.quiesce.formats.json;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The JSON text layer on Jackson: what it reads, what it refuses and where, what it writes. */
class JsonTextTest {

    private static JsonException parseError(String text) {
        JsonException e = catchThrowableOfType(JsonException.class, () -> JsonText.parse(text));
        assertThat(e).as("parse of %s should fail", text).isNotNull();
        return e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + close.repeat(depth);
    }

    @Nested
    class Parse {
        @Test
        void literals() {
            assertThat(JsonText.parse("true")).isEqualTo(Boolean.TRUE);
            assertThat(JsonText.parse("false")).isEqualTo(Boolean.FALSE);
            assertThat(JsonText.parse("null")).isNull();
        }

        @Test
        void integersAreLongs() {
            assertThat(JsonText.parse("0")).isEqualTo(0L);
            assertThat(JsonText.parse("-0")).isEqualTo(0L);
            assertThat(JsonText.parse("42")).isEqualTo(42L);
            assertThat(JsonText.parse("-7")).isEqualTo(-7L);
            assertThat(JsonText.parse("1234567890")).isEqualTo(1234567890L);
        }

        @Test
        void integersAtTheLongBoundariesStayLongs() {
            assertThat(JsonText.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
            assertThat(JsonText.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void integersBeyondLongAreBigDecimals() {
            assertThat(JsonText.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
            assertThat(JsonText.parse("-9223372036854775809")).isEqualTo(new BigDecimal("-9223372036854775809"));
            assertThat(JsonText.parse("123456789012345678901234567890"))
                    .isEqualTo(new BigDecimal("123456789012345678901234567890"));
        }

        @Test
        void fractionsAndExponentsAreBigDecimalsKeepingTheirScale() {
            assertThat(JsonText.parse("1.50")).isEqualTo(new BigDecimal("1.50"));
            assertThat(JsonText.parse("-0.25")).isEqualTo(new BigDecimal("-0.25"));
            assertThat(JsonText.parse("0.0")).isEqualTo(new BigDecimal("0.0"));
            assertThat(JsonText.parse("1e3")).isEqualTo(new BigDecimal("1E+3"));
            assertThat(JsonText.parse("1E3")).isEqualTo(new BigDecimal("1E+3"));
            assertThat(JsonText.parse("1e+3")).isEqualTo(new BigDecimal("1E+3"));
            assertThat(JsonText.parse("25e-3")).isEqualTo(new BigDecimal("0.025"));
            assertThat(JsonText.parse("-2.5E-2")).isEqualTo(new BigDecimal("-0.025"));
            assertThat(JsonText.parse("0e0")).isEqualTo(new BigDecimal("0"));
            assertThat(JsonText.parse("10")).isInstanceOf(Long.class);
        }

        @Test
        void strings() {
            assertThat(JsonText.parse("\"\"")).isEqualTo("");
            assertThat(JsonText.parse("\"plain text\"")).isEqualTo("plain text");
            assertThat(JsonText.parse("\"caf\u00e9 \ud83d\ude00 \u007f ~\"")).isEqualTo("caf\u00e9 \ud83d\ude00 \u007f ~");
        }

        @Test
        void simpleEscapes() {
            assertThat(JsonText.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo("\" \\ / \b \f \n \r \t");
            assertThat(JsonText.parse("\"a\\nb\"")).isEqualTo("a\nb");
            assertThat(JsonText.parse("\"\\n\"")).isEqualTo("\n");
        }

        @Test
        void unicodeEscapesAcceptEveryHexDigitInEitherCase() {
            assertThat(JsonText.parse("\"\\u0041\\u00e9\\u00E9\"")).isEqualTo("A\u00e9\u00e9");
            assertThat(JsonText.parse("\"\\u0123\\u4567\\u89ab\\ucdef\"")).isEqualTo("\u0123\u4567\u89ab\ucdef");
            assertThat(JsonText.parse("\"\\u89AB\\uCDEF\\u0000\\u001f\"")).isEqualTo("\u89ab\ucdef\u0000\u001f");
        }

        @Test
        void escapedSurrogatePairMakesOneCodePoint() {
            String s = (String) JsonText.parse("\"x\\uD83D\\uDE00y\"");
            assertThat(s).isEqualTo("x\ud83d\ude00y");
            assertThat(s.codePointCount(0, s.length())).isEqualTo(3);
            assertThat(JsonText.parse("\"\\udbff\\udfff\"")).isEqualTo(new String(Character.toChars(0x10FFFF)));
            assertThat(JsonText.parse("\"\\ud800\\udc00\"")).isEqualTo(new String(Character.toChars(0x10000)));
        }

        @Test
        void escapesMixWithPlainRuns() {
            assertThat(JsonText.parse("\"ab\\tcd\\u0041ef\"")).isEqualTo("ab\tcdAef");
        }

        @Test
        void objectsKeepKeyOrder() {
            Object parsed = JsonText.parse("{\"z\":1,\"a\":2,\"m\":3}");
            assertThat(parsed).isInstanceOf(LinkedHashMap.class);
            assertThat(asMap(parsed).keySet()).containsExactly("z", "a", "m");
            assertThat(parsed).isEqualTo(Map.of("z", 1L, "a", 2L, "m", 3L));
        }

        @Test
        void nestedValues() {
            Object parsed = JsonText.parse("{\"a\":[1,\"two\",null,true,{\"b\":[]}],\"c\":{},\"d\":null}");
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("a", Arrays.asList(1L, "two", null, true, Map.of("b", List.of())));
            expected.put("c", Map.of());
            expected.put("d", null);
            assertThat(parsed).isEqualTo(expected);
        }

        @Test
        void emptyContainers() {
            assertThat(JsonText.parse("[]")).isEqualTo(List.of());
            assertThat(JsonText.parse("{}")).isEqualTo(Map.of());
            assertThat(JsonText.parse("[ ]")).isEqualTo(List.of());
            assertThat(JsonText.parse("{ }")).isEqualTo(Map.of());
            assertThat(JsonText.parse("[[]]")).isEqualTo(List.of(List.of()));
            // always the mutable, documented types, even when empty
            assertThat(JsonText.parse("[]")).isInstanceOf(ArrayList.class);
            assertThat(JsonText.parse("{}")).isInstanceOf(LinkedHashMap.class);
        }

        @Test
        void allFourWhitespaceCharactersAreAllowedBetweenTokens() {
            String ws = " \t\r\n";
            String text = ws + "{" + ws + "\"a\"" + ws + ":" + ws + "[" + ws + "1" + ws + "," + ws + "2" + ws + "]"
                    + ws + "," + ws + "\"b\"" + ws + ":" + ws + "true" + ws + "}" + ws;
            assertThat(JsonText.parse(text)).isEqualTo(Map.of("a", List.of(1L, 2L), "b", true));
            assertThat(JsonText.parse("\t1")).isEqualTo(1L);
            assertThat(JsonText.parse("\r1")).isEqualTo(1L);
            assertThat(JsonText.parse("\n1")).isEqualTo(1L);
            assertThat(JsonText.parse("1 ")).isEqualTo(1L);
        }

        @Test
        void numbersEndAtTheirLastDigit() {
            assertThat(JsonText.parse("[1,-2,3.5,4e1]")).isEqualTo(List.of(1L, -2L, new BigDecimal("3.5"), new BigDecimal("4E+1")));
            assertThat(JsonText.parse("{\"n\":0}")).isEqualTo(Map.of("n", 0L));
        }

        @Test
        void aNullValueIsKept() {
            Map<String, Object> map = asMap(JsonText.parse("{\"a\":null}"));
            assertThat(map).containsKey("a");
            assertThat(map.get("a")).isNull();
        }

        @Test
        void nestingUpToTheLimitIsAccepted() {
            Object arrays = JsonText.parse(nested("[", "]", JsonText.MAX_DEPTH));
            for (int i = 1; i < JsonText.MAX_DEPTH; i++) {
                arrays = ((List<?>) arrays).get(0);
            }
            assertThat(arrays).isEqualTo(List.of());
            String objects = "{\"a\":".repeat(JsonText.MAX_DEPTH - 1) + "{}" + "}".repeat(JsonText.MAX_DEPTH - 1);
            assertThat(JsonText.parse(objects)).isInstanceOf(Map.class);
        }

        @Test
        void depthIsCountedPerPathNotPerDocument() {
            String wide = "[" + (nested("[", "]", JsonText.MAX_DEPTH - 1) + ",").repeat(3) + "1]";
            assertThat((List<?>) JsonText.parse(wide)).hasSize(4);
        }
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // empty and truncated input
                arguments("", 1, 1, "unexpected end of input, expected a value"),
                arguments("  \n ", 2, 2, "unexpected end of input, expected a value"),
                arguments("[", 1, 2, "unexpected end of input, expected a value"),
                arguments("[1", 1, 3, "expected ',' or ']' after an array element"),
                arguments("{", 1, 2, "unexpected end of input"),
                arguments("{\"a\"", 1, 5, "unexpected end of input"),
                arguments("{\"a\":", 1, 6, "unexpected end of input, expected a value"),
                arguments("{\"a\":1", 1, 7, "expected ',' or '}' after an object member"),
                // trailing commas
                arguments("[1,2,]", 1, 5, "trailing comma before ']'"),
                arguments("[1, \n ]", 1, 3, "trailing comma before ']'"),
                arguments("{\"a\":1,}", 1, 7, "trailing comma before '}'"),
                arguments("{\"a\":1 ,\n\t}", 1, 8, "trailing comma before '}'"),
                arguments("[,1]", 1, 2, "unexpected ',', expected a value"),
                arguments("[1,,2]", 1, 4, "unexpected ',', expected a value"),
                arguments("{,}", 1, 2, "expected a double-quoted object key"),
                arguments("{\"a\":1,,\"b\":2}", 1, 8, "expected a double-quoted object key"),
                // comments
                arguments("// note\n1", 1, 1, "unexpected '/', expected a value"),
                arguments("[1 /* note */]", 1, 4, "expected ',' or ']' after an array element"),
                arguments("1 // note", 1, 3, "unexpected '/' after the JSON value"),
                arguments("# note\n1", 1, 1, "unexpected '#', expected a value"),
                // single quotes and bare words
                arguments("'a'", 1, 1, "unexpected ''', expected a value"),
                arguments("{'a':1}", 1, 2, "expected a double-quoted object key"),
                arguments("{a:1}", 1, 2, "expected a double-quoted object key"),
                arguments("[\"a\",'b']", 1, 6, "unexpected ''', expected a value"),
                // literals
                arguments("tru", 1, 1, "invalid literal, expected 'true'"),
                arguments("[fals]", 1, 2, "invalid literal, expected 'false'"),
                arguments("nul", 1, 1, "invalid literal, expected 'null'"),
                arguments("nULL", 1, 1, "invalid literal, expected 'null'"),
                arguments("True", 1, 1, "unexpected 'T', expected a value"),
                arguments("undefined", 1, 1, "unexpected 'u', expected a value"),
                // numbers: leading zeros and malformed
                arguments("01", 1, 1, "leading zeros are not allowed"),
                arguments("-01", 1, 1, "leading zeros are not allowed"),
                arguments("[0, 00]", 1, 5, "leading zeros are not allowed"),
                arguments("00.5", 1, 1, "leading zeros are not allowed"),
                arguments("-", 1, 2, "expected a digit"),
                arguments("-a", 1, 2, "expected a digit"),
                arguments("1.", 1, 3, "expected a digit"),
                arguments("1.e5", 1, 3, "expected a digit"),
                arguments("1e", 1, 3, "expected a digit"),
                arguments("1E+", 1, 4, "expected a digit"),
                arguments("1e-x", 1, 4, "expected a digit"),
                arguments(".5", 1, 1, "unexpected '.', expected a value"),
                arguments("+1", 1, 1, "unexpected '+', expected a value"),
                arguments("[1e2147483648]", 1, 2, "number out of range"),
                arguments("1.5.2", 1, 4, "unexpected '.' after the JSON value"),
                arguments("0x1F", 1, 2, "unexpected 'x' after the JSON value"),
                // unescaped control characters
                arguments("\"a\tb\"", 1, 3, "unescaped control character U+0009 in string"),
                arguments("\"line\nbreak\"", 1, 6, "unescaped control character U+000A in string"),
                arguments("\"\u0000\"", 1, 2, "unescaped control character U+0000 in string"),
                arguments("\"\u001f\"", 1, 2, "unescaped control character U+001F in string"),
                // strings
                arguments("\"abc", 1, 5, "unterminated string"),
                arguments("\"abc\\", 1, 6, "unterminated string"),
                arguments("\"a\\tbc", 1, 7, "unterminated string"),
                arguments("\"\\x\"", 1, 2, "invalid escape sequence '\\x'"),
                arguments("\"ab\\'\"", 1, 4, "invalid escape sequence '\\''"),
                arguments("\"\\U0041\"", 1, 2, "invalid escape sequence '\\U'"),
                arguments("\"\\u12G4\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u12\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u12", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u/000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u:000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u`000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\ug000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u@000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\uG000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\u\uff10000\"", 1, 2, "invalid \\u escape, expected 4 hex digits"),
                // unpaired surrogates, escaped and raw
                arguments("\"\\uD83D\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\\uD83Dx\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\\uD83D\\n\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\\uD83D\\u0041\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\\uD83D\\uD83D\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\\uD83D\\uZZZZ\"", 1, 8, "invalid \\u escape, expected 4 hex digits"),
                arguments("\"\\uDE00\"", 1, 2, "unpaired surrogate U+DE00"),
                arguments("\"\\uDBFF\"", 1, 2, "unpaired surrogate U+DBFF"),
                arguments("\"\\uDC00\"", 1, 2, "unpaired surrogate U+DC00"),
                arguments("\"\\uDFFF\"", 1, 2, "unpaired surrogate U+DFFF"),
                arguments("\"a\ud83d\"", 1, 3, "unpaired surrogate U+D83D"),
                arguments("\"a\ud83d", 1, 3, "unpaired surrogate U+D83D"),
                arguments("\"\ud83dx\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\ud83d\ud83d\ude00\"", 1, 2, "unpaired surrogate U+D83D"),
                arguments("\"\ude00\"", 1, 2, "unpaired surrogate U+DE00"),
                // trailing content
                arguments("1 2", 1, 3, "unexpected '2' after the JSON value"),
                arguments("{} x", 1, 4, "unexpected 'x' after the JSON value"),
                arguments("[1]]", 1, 4, "unexpected ']' after the JSON value"),
                arguments("truex", 1, 5, "unexpected 'x' after the JSON value"),
                arguments("\"a\"\"b\"", 1, 4, "unexpected '\"' after the JSON value"),
                arguments("{}\n\n  {}", 3, 3, "unexpected '{' after the JSON value"),
                // duplicate keys, including keys equal only once unescaped
                arguments("{\"a\":1,\"a\":2}", 1, 8, "duplicate key \"a\""),
                arguments("{\"a\":null,\"a\":null}", 1, 11, "duplicate key \"a\""),
                arguments("{\"a\":1,\"\\u0061\":2}", 1, 8, "duplicate key \"a\""),
                arguments("{\"x\":{\"a\":1,\"b\":2,\"a\":3}}", 1, 19, "duplicate key \"a\""),
                // structure
                arguments("{\"a\" 1}", 1, 6, "expected ':' after object key"),
                arguments("{\"a\"=1}", 1, 5, "expected ':' after object key"),
                arguments("{\n  \"a\": 1,\n  \"bcdefghi\" 2\n}", 3, 14, "expected ':' after object key"),
                arguments("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}' after an object member"),
                arguments("{\"a\":1]", 1, 7, "expected ',' or '}' after an object member"),
                arguments("[1 2]", 1, 4, "expected ',' or ']' after an array element"),
                arguments("[1}", 1, 3, "expected ',' or ']' after an array element"),
                arguments("[1:2]", 1, 3, "expected ',' or ']' after an array element"),
                arguments("}", 1, 1, "unexpected '}', expected a value"),
                arguments("]", 1, 1, "unexpected ']', expected a value"),
                // characters that are not JSON whitespace, shown by code point
                arguments("\u00a01", 1, 1, "unexpected U+00A0, expected a value"),
                arguments("\f1", 1, 1, "unexpected U+000C, expected a value"),
                arguments("\u007f", 1, 1, "unexpected U+007F, expected a value"),
                arguments("\ufeff{}", 1, 1, "unexpected U+FEFF, expected a value"),
                arguments("1\u0000", 1, 2, "unexpected U+0000 after the JSON value"),
                arguments("~", 1, 1, "unexpected '~', expected a value"),
                arguments("!", 1, 1, "unexpected '!', expected a value"),
                // line counting: \n, \r\n and a lone \r each break a line
                arguments("[\n1,\n\n  x]", 4, 3, "unexpected 'x', expected a value"),
                arguments("[\r\n  x]", 2, 3, "unexpected 'x', expected a value"),
                arguments("[1,\r  x]", 2, 3, "unexpected 'x', expected a value"),
                arguments("\n\n", 3, 1, "unexpected end of input, expected a value"));
    }

    /** Faults Quiesce names in its own words; the others keep Jackson's wording. */
    private static final java.util.Set<String> OWN_WORDS = java.util.Set.of("expected ':' after object key",
            "expected a double-quoted object key", "trailing comma before ']'", "trailing comma before '}'",
            "number out of range", "nesting deeper than 512 levels", "unexpected end of input");

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("rejected")
    void rejectsInvalidJsonOnItsLine(String text, int line, int column, String problem) {
        JsonException e = parseError(text);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e).hasMessageStartingWith("line " + line + ", column " + e.column() + ": ");
        if (OWN_WORDS.contains(problem)) {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.column()).as("column").isEqualTo(column);
        }
    }

    @Test
    void duplicateKeysAreRefusedEvenWhenEqualOnlyOnceUnescaped() {
        assertThat(parseError("{\"a\":1,\"a\":2}").problem()).isEqualTo("duplicate key \"a\"");
        assertThat(parseError("{\"a\":null,\"a\":null}").problem()).isEqualTo("duplicate key \"a\"");
        assertThat(parseError("{\"a\":1,\"\\u0061\":2}").problem()).isEqualTo("duplicate key \"a\"");
        assertThat(parseError("{\"x\":{\"a\":1,\"b\":2,\"a\":3}}").problem()).isEqualTo("duplicate key \"a\"");
    }

    @Test
    void unpairedSurrogatesAreRefusedByName() {
        assertThat(parseError("\"\\uD83D\"").problem()).isEqualTo("unpaired surrogate U+D83D");
        assertThat(parseError("\"\\uDE00\"").problem()).isEqualTo("unpaired surrogate U+DE00");
        assertThat(parseError("\"\\uD83D\\u0041\"").problem()).isEqualTo("unpaired surrogate U+D83D");
        assertThat(parseError("{\"\\uD83D\":1}").problem()).isEqualTo("unpaired surrogate U+D83D");
    }

    @Test
    void unescapedControlCharactersAreRefused() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(parseError("\"a" + c + "b\"").problem()).as("U+%04X", (int) c).contains("CTRL-CHAR");
        }
    }

    @Test
    void nestingBeyondTheLimitIsRejectedWhereItStarts() {
        JsonException arrays = parseError(nested("[", "]", JsonText.MAX_DEPTH + 1));
        assertThat(arrays).hasMessage("line 1, column 513: nesting deeper than 512 levels");
        JsonException objects = parseError("{\"a\":".repeat(JsonText.MAX_DEPTH) + "{}" + "}".repeat(JsonText.MAX_DEPTH));
        assertThat(objects.problem()).isEqualTo("nesting deeper than 512 levels");
    }

    @Test
    void hostileDepthFailsCleanlyInsteadOfOverflowingTheStack() {
        assertThat(parseError("[".repeat(1_000_000)).problem()).isEqualTo("nesting deeper than 512 levels");
    }

    @Test
    void exceptionCarriesItsParts() {
        JsonException e = new JsonException("something", 3, 14);
        assertThat(e).isInstanceOf(RuntimeException.class).hasMessage("line 3, column 14: something");
        assertThat(e.problem()).isEqualTo("something");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(14);
    }

    @Nested
    class Write {
        @Test
        void scalars() {
            assertThat(JsonText.write(null)).isEqualTo("null");
            assertThat(JsonText.write(true)).isEqualTo("true");
            assertThat(JsonText.write(false)).isEqualTo("false");
            assertThat(JsonText.write("text")).isEqualTo("\"text\"");
            assertThat(JsonText.write("")).isEqualTo("\"\"");
        }

        @Test
        void everySupportedNumberType() {
            assertThat(JsonText.write(-42L)).isEqualTo("-42");
            assertThat(JsonText.write(7)).isEqualTo("7");
            assertThat(JsonText.write((short) 3)).isEqualTo("3");
            assertThat(JsonText.write((byte) -1)).isEqualTo("-1");
            assertThat(JsonText.write(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
            assertThat(JsonText.write(new BigDecimal("1.50"))).isEqualTo("1.50");
            assertThat(JsonText.write(new BigDecimal("1E+5"))).isEqualTo("1E+5");
            assertThat(JsonText.write(1.5d)).isEqualTo("1.5");
            assertThat(JsonText.write(0.25f)).isEqualTo("0.25");
            assertThat(JsonText.write(1e21)).isEqualTo("1.0E21");
            assertThat(JsonText.write(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        }

        @Test
        void nonFiniteNumbersAreRefused() {
            assertThatThrownBy(() -> JsonText.write(Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("JSON has no representation for NaN");
            assertThatThrownBy(() -> JsonText.write(Double.POSITIVE_INFINITY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("JSON has no representation for Infinity");
            assertThatThrownBy(() -> JsonText.write(Float.NEGATIVE_INFINITY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("JSON has no representation for -Infinity");
            assertThatThrownBy(() -> JsonText.write(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void unsupportedTypesAreRefused() {
            assertThatThrownBy(() -> JsonText.write(new AtomicLong(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot write a java.util.concurrent.atomic.AtomicLong as JSON");
            assertThatThrownBy(() -> JsonText.write(List.of(new Object())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot write a java.lang.Object as JSON");
            assertThatThrownBy(() -> JsonText.write('c'))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot write a java.lang.Character as JSON");
            assertThatThrownBy(() -> JsonText.write(java.util.Set.of(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void compactContainers() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("a", List.of(1, 2));
            map.put("b", Map.of());
            map.put("c", List.of());
            map.put("d", null);
            assertThat(JsonText.write(map)).isEqualTo("{\"a\":[1,2],\"b\":{},\"c\":[],\"d\":null}");
            assertThat(JsonText.write(List.of("x"))).isEqualTo("[\"x\"]");
            assertThat(JsonText.write(Map.of("k", "v"))).isEqualTo("{\"k\":\"v\"}");
            assertThat(JsonText.write(Arrays.asList(null, true, "s"))).isEqualTo("[null,true,\"s\"]");
        }

        @Test
        void mapKeysInIterationOrder() {
            Map<String, Object> inserted = new LinkedHashMap<>();
            inserted.put("z", 1);
            inserted.put("a", 2);
            assertThat(JsonText.write(inserted)).isEqualTo("{\"z\":1,\"a\":2}");
            assertThat(JsonText.write(new TreeMap<>(inserted))).isEqualTo("{\"a\":2,\"z\":1}");
        }

        @Test
        void keysAreEscapedLikeValues() {
            assertThat(JsonText.write(Map.of("a\"b", "c\nd"))).isEqualTo("{\"a\\\"b\":\"c\\nd\"}");
        }

        @Test
        void nonStringKeysAreRefused() {
            assertThatThrownBy(() -> JsonText.write(Map.of(1, "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON object keys must be strings, not 1");
            Map<String, Object> nullKey = new LinkedHashMap<>();
            nullKey.put(null, 1);
            assertThatThrownBy(() -> JsonText.write(nullKey))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("JSON object keys must be strings, not null");
        }

        @Test
        void escapesQuotesBackslashAndControlCharacters() {
            assertThat(JsonText.write("\" \\ / \b \f \n \r \t"))
                    .isEqualTo("\"\\\" \\\\ / \\b \\f \\n \\r \\t\"");
            assertThat(JsonText.write("\u0000\u0001\u001f\u0020")).isEqualTo("\"\\u0000\\u0001\\u001f \"");
            assertThat(JsonText.write("a\"b")).isEqualTo("\"a\\\"b\"");
            assertThat(JsonText.write("ab\\")).isEqualTo("\"ab\\\\\"");
            assertThat(JsonText.write("\nab")).isEqualTo("\"\\nab\"");
        }

        @Test
        void nonAsciiIsWrittenAsIs() {
            assertThat(JsonText.write("caf\u00e9 \u4e2d \ud83d\ude00 \u007f \u2028"))
                    .isEqualTo("\"caf\u00e9 \u4e2d \ud83d\ude00 \u007f \u2028\"");
            assertThat(JsonText.write("\ud83d\ude00\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\ud83d\ude00\"");
        }

        @Test
        void unpairedSurrogatesAreRefused() {
            assertThatThrownBy(() -> JsonText.write("a\ud83d"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unpaired surrogate U+D83D in string");
            assertThatThrownBy(() -> JsonText.write("\ud83dx"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unpaired surrogate U+D83D in string");
            assertThatThrownBy(() -> JsonText.write("\ude00a"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unpaired surrogate U+DE00 in string");
            assertThatThrownBy(() -> JsonText.write("\ud83d\ude00\ude00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unpaired surrogate U+DE00 in string");
        }

        @Test
        void nestingUpToTheLimitIsWritten() {
            assertThat(JsonText.write(nestedLists(JsonText.MAX_DEPTH))).isEqualTo(nested("[", "]", JsonText.MAX_DEPTH));
            assertThat(JsonText.write(nestedMaps(JsonText.MAX_DEPTH))).startsWith("{\"a\":{").endsWith("{}" + "}".repeat(JsonText.MAX_DEPTH - 1));
        }

        @Test
        void depthIsCountedPerPath() {
            List<Object> wideLists = new ArrayList<>();
            List<Object> wideMaps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                wideLists.add(nestedLists(JsonText.MAX_DEPTH - 1));
                wideMaps.add(nestedMaps(JsonText.MAX_DEPTH - 1));
            }
            assertThat(JsonText.write(wideLists)).hasSize(3 * 2 * (JsonText.MAX_DEPTH - 1) + 2 + 2);
            assertThat(JsonText.write(wideMaps)).hasSize(3 * (6 * (JsonText.MAX_DEPTH - 2) + 2) + 2 + 2);
        }

        @Test
        void nestingBeyondTheLimitIsRefused() {
            assertThatThrownBy(() -> JsonText.write(nestedLists(JsonText.MAX_DEPTH + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("nesting deeper than 512 levels");
            assertThatThrownBy(() -> JsonText.write(nestedMaps(JsonText.MAX_DEPTH + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("nesting deeper than 512 levels");
        }

        @Test
        void aSelfContainingListFailsCleanly() {
            List<Object> loop = new ArrayList<>();
            loop.add(loop);
            assertThatThrownBy(() -> JsonText.write(loop))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("nesting deeper than 512 levels");
        }

        private Object nestedMaps(int depth) {
            Object value = Map.of();
            for (int i = 1; i < depth; i++) {
                value = Map.of("a", value);
            }
            return value;
        }

        private Object nestedLists(int depth) {
            Object value = List.of();
            for (int i = 1; i < depth; i++) {
                value = List.of(value);
            }
            return value;
        }
    }

    @Nested
    class RoundTrip {
        @Test
        void writeThenParseGivesTheSameValue() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("text", "tab\t \"quoted\" back\\slash caf\u00e9 \ud83d\ude00 \u0001");
            value.put("long", Long.MIN_VALUE);
            value.put("big", new BigDecimal("123456789012345678901234567890"));
            value.put("decimal", new BigDecimal("-1.250"));
            value.put("flags", Arrays.asList(true, false, null));
            value.put("nested", Map.of("empty", List.of(), "obj", Map.of()));
            value.put("", "empty key");
            Object parsed = JsonText.parse(JsonText.write(value));
            assertThat(parsed).isEqualTo(value);
            assertThat(asMap(parsed).keySet()).containsExactlyElementsOf(value.keySet());
        }

        @Test
        void parseThenWriteReproducesCompactText() {
            String compact = "{\"b\":[1,-2,3.50,1E+5,\"x\\ny\",null,true],\"a\":{\"c\":\"\\u001f\u00e9\"}}";
            assertThat(JsonText.write(JsonText.parse(compact))).isEqualTo(compact);
        }

        @Test
        void everyControlCharacterSurvives() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 0x80; c++) {
                all.append(c);
            }
            assertThat(JsonText.parse(JsonText.write(all.toString()))).isEqualTo(all.toString());
        }
    }
}
