package io.quiesce.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Character- and byte-level damage, and the odd values that parsers tend to get wrong. */
final class Mutations {
    /** Values an operator, a script or an attacker might pass where a name, a duration or a time goes. */
    static final List<String> ODD_VALUES = List.of("", " ", "\t", "-", "--", "---", "-5m", "PT", "P", "PT-5M",
            "-PT5M",
            "P-1D", "0s", "0", "-0", "300d", "99999999999h", "9999999999999999999d", "106751991167300d", "PT99999999999999H",
            "1h30", "30x", "NaN", "Infinity", "-1", "1e309", "0x10", "2026-13-45T99:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "2026-11-26T10:00:00",
            "startup.fe01=manual", "startup.fe01.RTCSRV=sometimes", "dnsLoadBalancing.=on", "=", "a=b=c",
            "é", "fe01\u0301", "\uD835\uDCEF\uD835\uDCEE01", "\u202Efe01", "\uFEFFfe01", "\u0000", "fe01\n",
            "fe01\r\n", "\u001b[31mred", "../outside", "%s%n", "${jndi:x}", "'", "\"", "\\", "{", "[]", "null",
            "true", "@", "@missing-argument-file");

    private static final String SPECIAL = "{}[]\",:\\-.0123456789eE+ntfu \t\n\r\u0000\u007f\u00e9\u2028\uFEFF\uD800";

    private Mutations() {
    }

    static <T> T pick(List<T> values, SplittableRandom r) {
        return values.get(r.nextInt(values.size()));
    }

    static String oddValue(SplittableRandom r) {
        return r.nextInt(20) == 0 ? longString(r) : pick(ODD_VALUES, r);
    }

    /** Long enough to show quadratic or unbounded handling, short enough to keep runs fast. */
    private static String longString(SplittableRandom r) {
        return "x".repeat(1_000 + r.nextInt(20_000));
    }

    /** A char that is special to JSON, a control, a non-ASCII letter, a lone surrogate, or any printable. */
    static char randomChar(SplittableRandom r) {
        return r.nextBoolean() ? SPECIAL.charAt(r.nextInt(SPECIAL.length())) : (char) (' ' + r.nextInt(95));
    }

    /** One of: flip, insert or delete a char, truncate, repeat a slice, or splice in an odd value. */
    static String damage(String text, SplittableRandom r) {
        int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
        StringBuilder b = new StringBuilder(text);
        switch (r.nextInt(6)) {
            case 0 -> {
                if (at < b.length()) {
                    b.setCharAt(at, randomChar(r));
                } else {
                    b.append(randomChar(r));
                }
            }
            case 1 -> b.insert(at, randomChar(r));
            case 2 -> {
                if (at < b.length()) {
                    b.deleteCharAt(at);
                }
            }
            case 3 -> b.setLength(at);
            case 4 -> {
                int to = Math.min(b.length(), at + 1 + r.nextInt(20));
                b.insert(at, b.substring(at, to));
            }
            default -> b.insert(at, oddValue(r));
        }
        return b.toString();
    }

    /** UTF-8 with one malformed sequence: stray continuation, overlong, truncated, surrogate or 0xFF. */
    static byte[] invalidUtf8(String text, SplittableRandom r) {
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] insert = bad[r.nextInt(bad.length)];
        int at = r.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    /** JSON's tokens (strings, numbers, words, punctuation) in order, so that whole tokens can be moved. */
    private static List<String> tokens(String json) {
        List<String> tokens = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|[a-z]+|\\S").matcher(json);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** Swaps, drops or repeats whole tokens. */
    static String shuffleTokens(String json, SplittableRandom r) {
        List<String> tokens = tokens(json);
        if (tokens.size() < 2) {
            return json + json;
        }
        int i = r.nextInt(tokens.size());
        int j = r.nextInt(tokens.size());
        switch (r.nextInt(3)) {
            case 0 -> {
                String t = tokens.get(i);
                tokens.set(i, tokens.get(j));
                tokens.set(j, t);
            }
            case 1 -> tokens.remove(i);
            default -> tokens.add(i, tokens.get(j));
        }
        return String.join(" ", tokens);
    }

    /** Nesting beyond the parser's limit (or just under it), closed or not. */
    static String deepNesting(SplittableRandom r) {
        int depth = r.nextBoolean() ? 400 + r.nextInt(200) : 5_000 + r.nextInt(50_000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + (r.nextBoolean() ? "1" + close.repeat(depth) : "");
    }

    /** Numbers past every range: long, double, BigDecimal's exponent. */
    static String hugeNumber(SplittableRandom r) {
        return pick(List.of("9223372036854775808", "-9223372036854775809", "1e309", "1E+999999999", "1e-99999999999",
                "123456789012345678901234567890123456789", "-0", "0.0000000000000000000001", "1" + "0".repeat(5_000)),
                r);
    }
}
