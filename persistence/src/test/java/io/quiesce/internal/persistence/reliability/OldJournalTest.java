package io.quiesce.internal.persistence.reliability;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.json.JsonText;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.rules.Decision;
import io.quiesce.formats.status.StatusJson;
import io.quiesce.rules.Decision;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, old journals: data directories written by earlier versions (committed under
 * {@code src/test/resources/journals/}, written by {@link OldJournalWriter}) open with the current
 * code, with the status and the history they had when written, and take new commands. A change
 * that cannot read them fails here. The status may gain fields (docs/cli.md); none may change or go.
 */
class OldJournalTest {
    /** The writer's clock ends here, and the test opens at it, so the pending pause deadline stays pending. */
    static final Instant WRITTEN_AT = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    static QuiesceOptions options(Path data) {
        return QuiesceOptions.at(data).withClock(Clock.fixed(WRITTEN_AT, ZoneOffset.UTC)).withFsync(false)
                .withSnapshotEvery(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void givenADataDirectoryOfAnEarlierVersion_whenOpened_thenItsStatusAndHistoryAreAsWritten(String version)
            throws Exception {
        Path committed = Path.of(OldJournalTest.class.getResource("/journals/" + version).toURI());
        // Opening writes to a directory: never to the committed one.
        DataDirs.copy(committed.resolve("data"), dir);
        Object status = JsonText.parse(Files.readString(committed.resolve("status.json"), StandardCharsets.UTF_8));
        List<Object> history = Files.readAllLines(committed.resolve("history.jsonl"), StandardCharsets.UTF_8)
                .stream().map(JsonText::parse).toList();

        try (Quiesce q = Quiesce.open(options(dir))) {
            assertHolds(status, JsonText.parse(JsonText.write(StatusJson.of(q.status(), q.rules().catalog()))), "status");
            List<Event> read = q.history();
            assertThat(read).hasSameSizeAs(history);
            for (int i = 0; i < history.size(); i++) {
                assertHolds(history.get(i), JsonText.parse(EventCodec.line(read.get(i))),
                        "history line " + (i + 1));
            }
            assertThat(q.as(Principal.of("alice", "Administrators")).connect("pool1", "im", "after-upgrade"))
                    .isInstanceOf(Decision.Accepted.class);
        }
    }

    /** {@code actual} has everything {@code expected} has, equal; objects may have more fields. */
    private static void assertHolds(Object expected, Object actual, String where) {
        if (expected instanceof Map<?, ?> fields) {
            assertThat(actual).as(where).isInstanceOf(Map.class);
            fields.forEach((name, value) -> {
                assertThat(((Map<?, ?>) actual).containsKey(name)).as(where + " has " + name).isTrue();
                assertHolds(value, ((Map<?, ?>) actual).get(name), where + "." + name);
            });
        } else if (expected instanceof List<?> items) {
            assertThat(actual).as(where).isInstanceOf(List.class);
            assertThat((List<?>) actual).as(where).hasSameSizeAs(items);
            for (int i = 0; i < items.size(); i++) {
                assertHolds(items.get(i), ((List<?>) actual).get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }
}
