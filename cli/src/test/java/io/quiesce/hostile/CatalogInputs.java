package io.quiesce.hostile;

import io.quiesce.formats.json.JsonText;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Role catalogs: the shipped one and two small ones, damaged in every way Mutations knows, or made up. */
final class CatalogInputs {
    /** A catalog file's bytes; {@code text} is null when they are not UTF-8. */
    record Input(String text, byte[] bytes) {
        /**
         * The text and the bytes of a file that holds it. A lone surrogate has no UTF-8 bytes
         * ({@code getBytes} would write '?', a file that may well load): it is written as the three
         * bytes it would take, which no UTF-8 reader accepts, so the file is refused as the text is.
         */
        static Input of(String text) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (paired) {
                    bytes.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                    i++;
                } else if (Character.isSurrogate(c)) {
                    bytes.write(0xE0 | c >> 12);
                    bytes.write(0x80 | c >> 6 & 0x3F);
                    bytes.write(0x80 | c & 0x3F);
                } else {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            return new Input(text, bytes.toByteArray());
        }

        @Override
        public String toString() {
            return text != null ? Printable.escaped(text) : "(not UTF-8) " + Printable.escaped(
                    new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    private static final List<String> WORDS = List.of("defaultRole", "roles", "name", "coreService", "services",
            "displayName", "shortName", "consolidates", "features", "id", "needsDnsLoadBalancing",
            "lync2013-frontend", "RTCSRV", "rtcsrv", "Lync Server Front-End", "calls", "im", "attendant", "edge");
    private static final String SMALL = """
            {"defaultRole":"edge","roles":[
             {"name":"edge","coreService":"EDGE","services":[
               {"displayName":"Edge Access","shortName":"EDGE","features":[{"id":"remote-access"}]},
               {"displayName":"Edge Media","shortName":"MEDIA","consolidates":["Media Relay","Auth"],
                "features":[{"id":"media-relay","needsDnsLoadBalancing":true}]}]},
             {"name":"mediation","coreService":"Mediation","services":[
               {"displayName":"Mediation","shortName":"RTCMEDSRV","features":[{"id":"pstn"}]}]}]}
            """;
    private static final String MINIMAL = """
            {"roles":[{"name":"r","coreService":"S","services":[{"displayName":"Service","shortName":"S"}]}]}
            """;

    private final List<String> bases = List.of(shippedCatalog(), SMALL, MINIMAL);
    private final List<Object> parsed = bases.stream().map(JsonText::parse).toList();

    Input next(SplittableRandom r) {
        int base = r.nextInt(bases.size());
        String text = bases.get(base);
        return switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> Input.of(new JsonMutations(r, WORDS).damage(parsed.get(base), 1 + r.nextInt(3)));
            case 4, 5 -> Input.of(damaged(text, 1 + r.nextInt(4), r));
            case 6 -> Input.of(Mutations.shuffleTokens(text, r));
            case 7 -> Input.of(r.nextBoolean() ? Mutations.deepNesting(r) : made(r));
            case 8 -> new Input(null, Mutations.invalidUtf8(text, r));
            default -> Input.of(text.substring(0, r.nextInt(text.length() + 1)));
        };
    }

    private static String damaged(String text, int times, SplittableRandom r) {
        for (int i = 0; i < times; i++) {
            text = Mutations.damage(text, r);
        }
        return text;
    }

    /** Made up from the format's words and JSON's punctuation, in no particular order. */
    private static String made(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(switch (r.nextInt(4)) {
                case 0 -> "\"" + Mutations.pick(WORDS, r) + "\"";
                case 1 -> Mutations.pick(List.of("{", "}", "[", "]", ":", ",", "true", "null", "1"), r);
                case 2 -> Mutations.hugeNumber(r);
                default -> String.valueOf(Mutations.randomChar(r));
            });
        }
        return b.toString();
    }

    private static String shippedCatalog() {
        try (InputStream in = io.quiesce.formats.catalog.CatalogLoader.class
                .getResourceAsStream("/io/quiesce/hostile/default-catalog.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
