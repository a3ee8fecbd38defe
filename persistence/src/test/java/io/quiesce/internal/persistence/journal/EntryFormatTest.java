package io.quiesce.internal.persistence.journal;

import com.typesafe.config.ConfigFactory;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.PersistentRepr$;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.NotSerializableException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An entry's bytes: Quiesce's own compact, anything else and everything written before as Pekko writes it. */
class EntryFormatTest {
    static final ActorSystem SYSTEM = ActorSystem.create("entry-format", ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.actor.serializers.quiesce = "io.quiesce.internal.persistence.serialization.QuiesceSerializer"
            pekko.actor.serialization-bindings {
              "io.quiesce.event.Event" = quiesce
              "io.quiesce.internal.persistence.entity.Journaled" = quiesce
            }
            """).withFallback(ConfigFactory.load()));
    static final Serialization SERIALIZATION = SerializationExtension.get(SYSTEM);
    static final String ENTITY = "service|fe01|Lync Server IM Conferencing";
    static final DecisionRecorded DECISION = DecisionRecorded.of(41, List.of(new Event.SessionStarted(
            Instant.parse("2026-12-05T08:00:00.123Z"), "fe01", "Lync Server IM Conferencing",
            "0b6f2a7e-2f61-4c1e-9a39-5d4f0f6b8c21", "im-conferencing", null)));

    @AfterAll
    static void stop() {
        TestKit.shutdownActorSystem(SYSTEM);
    }

    @Test
    void givenAnEntryOfQuiesce_whenWrittenAndRead_thenItComesBackWithItsEntityAndSequenceNumber() throws Exception {
        byte[] bytes = EntryFormat.write(repr(DECISION, 17), SERIALIZATION);

        PersistentRepr read = EntryFormat.read(bytes, ENTITY, SERIALIZATION);

        assertThat(bytes[0]).isZero();
        assertThat(read.payload()).isEqualTo(DECISION);
        assertThat(read.sequenceNr()).isEqualTo(17);
        assertThat(read.persistenceId()).isEqualTo(ENTITY);
        assertThat(EntryFormat.payload(bytes)).isEqualTo(DECISION);
    }

    @Test
    void givenAnEntryOfQuiesce_whenWritten_thenItTakesFewerBytesThanPekkosForm() throws Exception {
        PersistentRepr repr = PersistentRepr$.MODULE$.apply(DECISION, 17, ENTITY, "", false, ActorRef.noSender(),
                UUID.randomUUID().toString());

        byte[] compact = EntryFormat.write(repr, SERIALIZATION);

        // The entity's id and the writer's (a UUID) are left out; the sequence number takes 8 bytes.
        assertThat(compact.length).isLessThan(SERIALIZATION.serialize(repr).get().length - ENTITY.length() - 36 + 8);
    }

    @Test
    void givenAnEntryWrittenBefore_whenRead_thenItIsReadInPekkosForm() throws Exception {
        byte[] before = SERIALIZATION.serialize(repr(DECISION, 17)).get();

        PersistentRepr read = EntryFormat.read(before, ENTITY, SERIALIZATION);

        assertThat(read.payload()).isEqualTo(DECISION);
        assertThat(read.sequenceNr()).isEqualTo(17);
        assertThat(read.writerUuid()).isEqualTo("writer-1");
        assertThat(EntryFormat.payload(before)).isEqualTo(DECISION);
    }

    @Test
    void givenAPayloadNotOfQuiesce_whenWritten_thenItIsInPekkosForm() throws Exception {
        byte[] bytes = EntryFormat.write(repr("a plain string", 3), SERIALIZATION);

        assertThat(bytes[0]).isNotZero();
        assertThat(EntryFormat.read(bytes, "other", SERIALIZATION).payload()).isEqualTo("a plain string");
        assertThatThrownBy(() -> EntryFormat.payload(bytes)).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("not one of Quiesce's");
    }

    @Test
    void givenACompactEntryCutShort_whenRead_thenItIsRefused() throws Exception {
        byte[] bytes = EntryFormat.write(repr(DECISION, 17), SERIALIZATION);

        assertThatThrownBy(() -> EntryFormat.payload(Arrays.copyOf(bytes, 11)))
                .isInstanceOf(NotSerializableException.class);
        assertThatThrownBy(() -> EntryFormat.payload(Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(NotSerializableException.class);
        assertThatThrownBy(() -> EntryFormat.read(Arrays.copyOf(bytes, 11), ENTITY, SERIALIZATION))
                .isInstanceOf(NotSerializableException.class);
    }

    private static PersistentRepr repr(Object payload, long sequenceNr) {
        return PersistentRepr$.MODULE$.apply(payload, sequenceNr, ENTITY, "", false, ActorRef.noSender(),
                "writer-1");
    }
}
