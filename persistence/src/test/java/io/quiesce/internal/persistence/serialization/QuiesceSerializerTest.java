package io.quiesce.internal.persistence.serialization;

import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.entity.IntentRecorded;
import io.quiesce.internal.persistence.entity.LastDecision;
import io.quiesce.internal.persistence.entity.PoolSnapshot;
import io.quiesce.internal.persistence.entity.RegistrySnapshot;
import io.quiesce.internal.persistence.entity.ServerSnapshot;
import io.quiesce.internal.persistence.entity.ServiceSnapshot;
import io.quiesce.pool.PoolState;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Journal entries are written under stable names, never Java class names, and read back equal. */
class QuiesceSerializerTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    final QuiesceSerializer serializer = new QuiesceSerializer();

    static List<Event> oneOfEach() {
        return List.of(
                new Event.PoolCreated(T, "pool1", false, "alice", "new pool"),
                new Event.DnsLoadBalancingChanged(T, "pool1", true, "alice", null),
                new Event.ServerAdded(T, "pool1", "fe01", "lync2013-frontend", "Lync Server Front-End",
                        List.of("Lync Server Front-End", "Lync Server Call Park"), "alice", null),
                new Event.ConnectionLost(T, "pool1", "call-park", "s9", "bob"),
                new Event.ServerRestarted(T, "fe01", true, "alice", "patch"),
                new Event.ServicePaused(T, "fe01", "Lync Server Front-End", T.plusSeconds(60), "alice", "patch"),
                new Event.ServiceDrained(T, "fe01", "Lync Server Front-End"),
                new Event.ServiceResumed(T, "fe01", "Lync Server Front-End", "alice", null),
                new Event.ServiceStarted(T, "fe01", "Lync Server Front-End", "alice", null),
                new Event.ServiceStopped(T, "fe01", "Lync Server Front-End", true, "alice", null),
                new Event.StartupTypeChanged(T, "fe01", "Lync Server Front-End", StartupType.AUTOMATIC,
                        StartupType.MANUAL, "alice", null),
                new Event.SessionStarted(T, "fe01", "Lync Server Call Park", "s1", "call-park", "bob"),
                new Event.SessionEnded(T, "fe01", "Lync Server Call Park", "s1", "bob"),
                new Event.SessionInterrupted(T, "fe01", "Lync Server Call Park", "s2", "call-park",
                        InterruptionCause.FORCED_STOP),
                new Event.ServiceRestarted(T, "fe01", "Lync Server Front-End", ServiceStatus.DRAINED,
                        ServiceStatus.RUNNING, true),
                new Event.DrainDeadlinePassed(T, "fe01", "Lync Server Front-End"),
                new Event.SessionsObserved(T, "fe01", "Lync Server Front-End", 12, "haproxy"),
                new Event.ObservedSessionsInterrupted(T, "fe01", "Lync Server Front-End", 3,
                        InterruptionCause.FORCED_STOP),
                new Event.PauseDeadlineChanged(T, "fe01", "Lync Server Front-End", T.plusSeconds(300), "alice", "later"),
                new Event.ServiceDrainingAgain(T, "fe01", "Lync Server Front-End"));
    }

    @Test
    void everyKindOfEventHasAStableName() {
        List<Class<?>> kinds = new ArrayList<>();
        collectRecords(Event.class, kinds);
        assertThat(kinds).allSatisfy(k -> assertThat(TypeNames.nameOf(k)).as(k.getName()).isPresent());
        assertThat(oneOfEach()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void everyEventRoundTripsUnderItsNameWithoutAClassName() throws NotSerializableException {
        for (Event e : oneOfEach()) {
            String manifest = serializer.manifest(e);
            byte[] bytes = serializer.toBinary(e);

            assertThat(manifest).isEqualTo(e.getClass().getSimpleName());
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("io.quiesce");
            assertThat(serializer.fromBinary(bytes, manifest)).isEqualTo(e);
        }
    }

    /** Which transaction an entry follows matters only while it is written: it is not stored. */
    @Test
    void givenSessionEntriesOfEveryShape_whenWritten_thenTheBytesAreTheGeneralWritersAndReadBackEqual()
            throws NotSerializableException {
        java.util.Random random = new java.util.Random(11);
        String[] names = {"fe01", "fe02.contoso.com", "Lync Server Call Park", "call-park", "",
                "naïve ünïcode", "emoji \uD83D\uDE00", "x".repeat(300), "a\u0000b"};
        Instant[] times = {T, T.plusNanos(80_000_000), T.plusNanos(1_000), T.plusNanos(7), Instant.EPOCH,
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z")};
        long[] numbers = {0, 1, 23, 24, 255, 256, 65_535, 65_536, Integer.MAX_VALUE, 1L << 32, Long.MAX_VALUE};
        for (int i = 0; i < 2_000; i++) {
            List<Event> events = new ArrayList<>();
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                Instant at = times[random.nextInt(times.length)];
                String server = names[random.nextInt(names.length)];
                String service = names[random.nextInt(names.length)];
                String session = java.util.UUID.randomUUID().toString();
                String by = random.nextBoolean() ? null : names[random.nextInt(names.length)];
                String feature = names[random.nextInt(names.length)];
                events.add(random.nextBoolean() ? new Event.SessionStarted(at, server, service, session, feature, by)
                        : new Event.SessionEnded(at, server, service, session, by));
            }
            DecisionRecorded entry = new DecisionRecorded(numbers[random.nextInt(numbers.length)],
                    random.nextInt(4) == 0 ? numbers[random.nextInt(numbers.length)] : 0, events,
                    random.nextBoolean() ? numbers[random.nextInt(numbers.length)] : 0,
                    random.nextBoolean() ? random.nextInt(100) : 0, random.nextInt(4) == 0, 0);

            byte[] bytes = serializer.toBinary(entry);

            assertThat(bytes).as("%s", entry).isEqualTo(serializer.general(entry));
            // Only an instant past 9999 or a string with a surrogate is left to the general writer here.
            boolean usual = entry.events().stream().allMatch(e -> e.at().getEpochSecond() < 253_402_300_800L
                    && texts(e).noneMatch(t -> t != null && t.chars().anyMatch(c -> Character.isSurrogate((char) c))));
            assertThat(SessionEntries.write(entry, 0) != null).as("written directly: %s", entry).isEqualTo(usual);
            assertThat(serializer.fromBinary(bytes, serializer.manifest(entry))).isEqualTo(entry);
            // with room for the journal's header before it, the entry's bytes are the same
            int room = random.nextInt(40);
            byte[] roomy = serializer.toBinary(entry, room);
            assertThat(Arrays.copyOfRange(roomy, room, roomy.length)).as("%s", entry).isEqualTo(bytes);
            assertThat(Arrays.copyOf(roomy, room)).isEqualTo(new byte[room]);
        }
    }

    private static Stream<String> texts(Event e) {
        if (e instanceof Event.SessionStarted s) {
            return Stream.of(s.server(), s.service(), s.session(), s.feature(), s.by());
        }
        Event.SessionEnded s = (Event.SessionEnded) e;
        return Stream.of(s.server(), s.service(), s.session(), s.by());
    }

    @Test
    void theTransactionAnEntryFollowsIsNotStored() throws NotSerializableException {
        DecisionRecorded alone = new DecisionRecorded(42, 0, oneOfEach()).inTransaction(7, 2);
        DecisionRecorded following = new DecisionRecorded(42, 0, oneOfEach()).inTransaction(7, 2, 6);

        assertThat(serializer.toBinary(following)).isEqualTo(serializer.toBinary(alone));
        assertThat(serializer.fromBinary(serializer.toBinary(following), serializer.manifest(following)))
                .isEqualTo(alone);
    }

    @Test
    void entriesHoldingEventsAndStatesRoundTrip() throws NotSerializableException {
        IntentRecorded intent = new IntentRecorded(3, oneOfEach(), 41);
        ServerSnapshot server = new ServerSnapshot(3, Map.of(3L, intent), new LastDecision(41, T));
        DecisionRecorded decision = new DecisionRecorded(42, 3, oneOfEach());
        ServiceState state = ServiceState.installed("fe01", "Lync Server Front-End", T)
                .evolve(new Event.SessionStarted(T, "fe01", "Lync Server Front-End", "s1", "im", "bob"))
                .evolve(new Event.SessionsObserved(T, "fe01", "Lync Server Front-End", 4, "haproxy"))
                .evolve(new Event.ServicePaused(T, "fe01", "Lync Server Front-End", T.plusSeconds(5), "a", null));
        assertThat(state.observed()).isEqualTo(4);
        ServiceSnapshot service = new ServiceSnapshot(state, 2, new LastDecision(42, T));
        PoolSnapshot pool = new PoolSnapshot(PoolState.created("pool1", true), List.of(), LastDecision.NONE);
        RegistrySnapshot registry = new RegistrySnapshot(List.of(new Event.PoolCreated(T, "pool1", true, "a", null)),
                new LastDecision(6, T));

        for (Object entry : List.of(intent, server, decision, service, pool, registry)) {
            assertThat(serializer.fromBinary(serializer.toBinary(entry), serializer.manifest(entry))).isEqualTo(entry);
        }
    }

    /** Bytes of a service snapshot holding one session, as written while a session was a record. */
    static final String SNAPSHOT_WITH_A_SESSION = "bf6773657276696365bf667365727665726466653031646e616d6563537663667374617475736752554e4e494e476773"
                + "746172747570694155544f4d415449436873657373696f6e73bf627331bf626964627331676665617475726562696d69"
                + "737461727465644174781e323032362d31312d32365431303a30303a30302e3132333435363738395affff6864656164"
                + "6c696e65f66573696e6365781e323032362d31312d32365431303a30303a30302e3132333435363738395a686f627365"
                + "7276656400ff6a6c617374496e74656e7402646c617374bf666e756d62657200626174f6ffffcc1d4d80";

    @Test
    void givenASnapshotWithASessionWrittenBefore_whenReadAndWrittenAgain_thenItIsTheSameAndTheSameBytes()
            throws Exception {
        Instant at = Instant.parse("2026-11-26T10:00:00.123456789Z");
        ServiceSnapshot expected = new ServiceSnapshot(ServiceState.installed("fe01", "Svc", at)
                .evolve(new Event.SessionStarted(at, "fe01", "Svc", "s1", "im", "bob")), 2, LastDecision.NONE);
        byte[] stored = java.util.HexFormat.of().parseHex(SNAPSHOT_WITH_A_SESSION);

        Object read = serializer.fromBinary(stored, "ServiceSnapshot");

        assertThat(read).isEqualTo(expected);
        assertThat(((ServiceSnapshot) read).service().sessions().get("s1").startedAt()).isEqualTo(at);
        assertThat(serializer.toBinary(expected)).isEqualTo(stored);
    }

    /** Entries written before decisions were numbered lack the fields that hold the number. */
    @Test
    void givenEntriesWithoutTheDecisionFields_whenRead_thenTheyHaveNone() throws Exception {
        ServiceState state = ServiceState.installed("fe01", "Lync Server Front-End", T);
        IntentRecorded intent = new IntentRecorded(3, oneOfEach(), 41);
        ServiceSnapshot snapshot = new ServiceSnapshot(state, 2, new LastDecision(5, T));

        Object oldIntent = serializer.fromBinary(without(serializer.toBinary(intent), "decision", false),
                "IntentRecorded");
        Object oldSnapshot = serializer.fromBinary(without(serializer.toBinary(snapshot), "last", true),
                "ServiceSnapshot");

        assertThat(oldIntent).isEqualTo(new IntentRecorded(3, oneOfEach(), 0));
        assertThat(oldSnapshot).isEqualTo(new ServiceSnapshot(state, 2, LastDecision.NONE));
    }

    /** The entry's CBOR with one top-level field taken out (and a snapshot's checksum made again). */
    private static byte[] without(byte[] entry, String field, boolean checksummed) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper cbor = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.cbor.CBORFactory());
        int length = checksummed ? entry.length - Integer.BYTES : entry.length;
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) cbor.readTree(entry, 0, length);
        assertThat(tree.remove(field)).as(field).isNotNull();
        byte[] bytes = cbor.writeValueAsBytes(tree);
        if (!checksummed) {
            return bytes;
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        return java.nio.ByteBuffer.allocate(bytes.length + Integer.BYTES).put(bytes).putInt((int) crc.getValue())
                .array();
    }

    @Test
    void aSnapshotWithAChangedByteIsRefusedNotMisread() {
        ServiceState state = ServiceState.installed("fe01", "Lync Server Front-End", T)
                .evolve(new Event.SessionStarted(T, "fe01", "Lync Server Front-End", "s1", "im", "bob"));
        ServiceSnapshot snapshot = new ServiceSnapshot(state, 2, new LastDecision(5, T));
        byte[] bytes = serializer.toBinary(snapshot);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("s1");
        assertThat(at).isNotNegative();

        bytes[at] = 't'; // still valid CBOR: without a checksum it would read as session t1

        assertThatThrownBy(() -> serializer.fromBinary(bytes, serializer.manifest(snapshot)))
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void anUnknownNameIsReportedNotGuessed() {
        assertThatThrownBy(() -> serializer.fromBinary(new byte[0], "ServiceExploded"))
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("ServiceExploded");
    }

    private static void collectRecords(Class<?> type, List<Class<?>> into) {
        // an event is reached through each interface it implements (a service event, a session event...)
        if (type.isRecord() && !into.contains(type)) {
            into.add(type);
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> sub : permitted) {
                collectRecords(sub, into);
            }
        }
    }
}
