package io.quiesce.formats.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The fast instant reader gives what {@link Instant#parse} gives, and refuses what it refuses. */
class InstantsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T10:00:00Z", "2026-11-26T10:00:00.080Z", "2026-11-26T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2024-02-29T12:00:00.5Z", "9999-12-31T23:59:59Z",
            "2026-11-26T10:00:00.1234Z", "+12026-11-26T10:00:00Z", "2026-11-26T24:00:00Z",
            "2026-11-26T10:00:00.Z"})
    void readsWhatInstantParseReads(String text) {
        assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z",
            "2026-11-26T25:00:00Z", "2026-11-26T10:60:00Z", "2026-11-26T10:00:00", "2026-11-26 10:00:00Z",
            "2026-11-26T10:00:60Z", "2026-11-26T10:00:00.1234567890Z", "2026-1l-26T10:00:00Z", "yesterday", ""})
    void refusesWhatInstantParseRefuses(String text) {
        assertThat(catchThrowable(() -> Instant.parse(text))).isInstanceOf(DateTimeParseException.class);
        assertThat(Instants.parse(text)).isNull();
    }

    @Test
    void givenEveryDayOfYearsThatTestTheCalendarThenTheFastReaderAgreesWithInstantParse() {
        String[] times = {"T00:00:00Z", "T23:59:59.999Z", "T12:34:56.7Z", "T12:34:57Z", "T01:02:03.123456789Z"};
        Instants.Reader reader = new Instants.Reader();
        for (int year : new int[] {0, 1, 4, 100, 400, 1600, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 31; day++) {
                    String date = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
                    for (String time : times) {
                        String text = date + time;
                        Instant expected = parsedOrNull(text);
                        assertThat(Instants.parse(text)).as(text).isEqualTo(expected);
                        byte[] padded = ("[\"" + text + "\"]").getBytes(StandardCharsets.US_ASCII);
                        assertThat(Instants.written(padded, 2, text.length())).as(text).isEqualTo(expected);
                        assertThat(reader.written(padded, 2, text.length())).as(text).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void givenTimesInOneMinuteAndAroundItThenTheReaderThatRemembersTheMinuteReadsAsTheFastReader() {
        Instants.Reader reader = new Instants.Reader();
        // after a good time, the same minute with ends good and bad, then other minutes and other forms
        List<String> texts = List.of("2026-11-26T10:00:00.080Z", "2026-11-26T10:00:59Z", "2026-11-26T10:00:60Z",
                "2026-11-26T10:00:01.123456789Z", "2026-11-26T10:00:01.1234567890Z", "2026-11-26T10:00:01.Z",
                "2026-11-26T10:00:01", "2026-11-26T10:00:01+00:00", "2026-11-26T10:00", "2026-11-26T10:00:1xZ",
                "2026-11-26T10:01:00Z", "2026-11-26T10:00:02Z", "2026-02-29T10:00:00Z", "2026-02-29T10:00:01Z",
                "2024-02-29T10:00:00Z", "2024-02-29T10:00:30.5Z", "1969-12-31T23:59:59.999Z",
                "1969-12-31T23:59:00Z", "0000-01-01T00:00:07Z");
        for (String text : texts) {
            byte[] padded = ("[\"" + text + "\"]").getBytes(StandardCharsets.US_ASCII);
            assertThat(reader.written(padded, 2, text.length())).as(text)
                    .isEqualTo(Instants.written(text.getBytes(StandardCharsets.US_ASCII), 0, text.length()));
        }
        for (String text : List.of("2026-11-26T10:00:42.5Z", "2026-11-26T10:00:43Z")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(reader.written(bytes, 0, bytes.length)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void givenAnotherIsoFormThenTheFastReaderLeavesItToTheGeneralOne() {
        for (String text : List.of("2026-11-26T10:00:00+00:00", "2026-11-26T24:00:00Z", "+12026-11-26T10:00:00Z")) {
            assertThat(Instants.written(text.getBytes(StandardCharsets.US_ASCII), 0, text.length())).as(text).isNull();
        }
    }

    private static Instant parsedOrNull(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
    @Test
    void givenInstantsOfEveryCalendarCaseThenWriteGivesWhatToStringGives() {
        java.util.Random random = new java.util.Random(7);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanos = {0, 80_000_000, 999_000_000, 1_000, 123_456_000, 1, 999_999_999, 500};
        byte[] out = new byte[Instants.MAX_WRITTEN + 3];
        for (int i = 0; i < 200_000; i++) {
            long second = i < 1_000 ? first + i * 86_399L : i < 2_000 ? last - (i - 1_000) * 86_399L
                    : first + Math.floorMod(random.nextLong(), last - first + 1);
            Instant instant = Instant.ofEpochSecond(second, i % 3 == 0 ? random.nextInt(1_000_000_000) : nanos[i % 8]);
            int n = Instants.write(instant, out, 3);
            assertThat(new String(out, 3, n, java.nio.charset.StandardCharsets.US_ASCII))
                    .as("instant %s", instant).isEqualTo(instant.toString());
        }
    }

    @Test
    void givenAYearOutsideFourDigitsThenWriteLeavesItToToString() {
        byte[] out = new byte[Instants.MAX_WRITTEN];
        assertThat(Instants.write(Instant.parse("+10000-01-01T00:00:00Z"), out, 0)).isEqualTo(-1);
        assertThat(Instants.write(Instant.parse("-0001-12-31T23:59:59Z"), out, 0)).isEqualTo(-1);
        assertThat(Instants.write(Instant.MAX, out, 0)).isEqualTo(-1);
        assertThat(Instants.write(Instant.MIN, out, 0)).isEqualTo(-1);
    }
}
