package io.quiesce.internal.persistence.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Entries of session traffic are written as the mapper writes them, byte for byte, and read back equal. */
class SessionTrafficEntryTest {
    private final QuiesceSerializer serializer = new QuiesceSerializer();
    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        try {
            Field field = QuiesceSerializer.class.getDeclaredField("MAPPER");
            field.setAccessible(true);
            return (ObjectMapper) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenRandomEntriesOfSessionTraffic_whenWritten_thenTheBytesAreTheMappersAndReadBackEqual() throws Exception {
        Random random = new Random(3);
        long[] numbers = {0, 1, 23, 24, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L, Long.MAX_VALUE};
        for (int i = 0; i < 2_000; i++) {
            List<Event> events = new ArrayList<>();
            for (int e = random.nextInt(5); e >= 0; e--) {
                Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                        switch (random.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> random.nextInt(1000) * 1_000_000;
                            case 2 -> random.nextInt(1_000_000) * 1000;
                            default -> random.nextInt(1_000_000_000);
                        });
                String server = text(random);
                String service = text(random);
                String session = text(random);
                String by = random.nextInt(4) == 0 ? null : text(random);
                events.add(random.nextBoolean()
                        ? new Event.SessionStarted(at, server, service, session, random.nextInt(4) == 0 ? null
                        : text(random), by)
                        : new Event.SessionEnded(at, server, service, session, by));
            }
            DecisionRecorded entry = new DecisionRecorded(numbers[random.nextInt(numbers.length)],
                    random.nextInt(3) == 0 ? numbers[random.nextInt(numbers.length)] : 0, events,
                    random.nextBoolean() ? 0 : numbers[random.nextInt(numbers.length)], random.nextInt(3),
                    random.nextInt(5) == 0, random.nextInt(100));

            assertThat(SessionTrafficEntry.writes(entry)).isTrue();
            byte[] written = serializer.toBinary(entry);
            assertThat(HexFormat.of().formatHex(written)).as("entry %d: %s", i, entry)
                    .isEqualTo(HexFormat.of().formatHex(mapper.writeValueAsBytes(entry)));
            assertThat(serializer.fromBinary(written, serializer.manifest(entry)))
                    .isEqualTo(entry.inTransaction(entry.transaction(), entry.parts(), 0));
        }
    }

    @Test
    void givenAnEntryWithOtherEventsOrNone_thenTheMapperWritesIt() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        Event started = new Event.SessionStarted(t, "fe01", "Lync Server IM", "s1", "im", "bob");
        assertThat(SessionTrafficEntry.writes(DecisionRecorded.of(1, List.of(started,
                new Event.ServiceDrained(t, "fe01", "Lync Server IM"))))).isFalse();
        assertThat(SessionTrafficEntry.writes(DecisionRecorded.of(1, List.of()))).isFalse();
        assertThat(SessionTrafficEntry.writes(started)).isFalse();
        assertThat(SessionTrafficEntry.writes(DecisionRecorded.of(1, List.of(started)))).isTrue();
    }

    /** Names and ids of any length (CBOR's length prefix grows at 24 and 256 bytes), some not ASCII. */
    private static String text(Random random) {
        int length = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(24);
            case 1 -> 20 + random.nextInt(10);
            case 2 -> 250 + random.nextInt(10);
            default -> random.nextInt(40);
        };
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(10) == 0 ? "éü€".charAt(random.nextInt(3)) : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
