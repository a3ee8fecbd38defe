package io.quiesce.formats.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;

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
}
