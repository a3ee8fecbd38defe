package io.quiesce.internal.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.DecisionRecorded;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.NonPersistentRepr;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.PersistentRepr$;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of Pekko's journal TCK (write and replay ranges, highest sequence number, delete-to,
 * rejection of what cannot be serialized, atomic writes), as JUnit tests against the journal actor,
 * plus what this journal adds: transactions across entities and one commit order. Every backend
 * runs the same checks: the embedded LevelDB, and PostgreSQL (a private server, a database per test).
 */
@ParameterizedClass
@EnumSource(Backends.class)
@ExtendWith(PrivatePostgres.class)
class DecisionJournalTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Parameter
    Backends backend;

    @TempDir
    Path dir;

    JournalBackend store;
    ActorSystem system;
    ActorRef journal;
    TestKit probe;

    @BeforeEach
    void start(PrivatePostgres.Databases databases) throws Exception {
        store = backend.open(dir, databases);
        String name = OpenStores.register(store);
        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.persistence.journal.plugin = "quiesce.journal"
                quiesce.journal.class = "io.quiesce.internal.persistence.journal.DecisionJournal"
                quiesce.journal.part-timeout = 500ms
                pekko.actor.serializers.quiesce = "io.quiesce.internal.persistence.serialization.QuiesceSerializer"
                pekko.actor.serialization-bindings {
                  "io.quiesce.event.Event" = quiesce
                  "io.quiesce.internal.persistence.entity.Journaled" = quiesce
                }
                """).withValue("quiesce.journal.store", ConfigValueFactory.fromAnyRef(name))
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create("journal-test", config);
        journal = Persistence.get(system).journalFor("", ConfigFactory.empty());
        probe = new TestKit(system);
    }

    @AfterEach
    void stop() {
        TestKit.shutdownActorSystem(system);
        OpenStores.unregister(store);
        store.close();
    }

    // ---- what any Pekko journal must do

    @Test
    void givenFiveEntries_whenARangeIsReplayed_thenExactlyThatRangeComesBackInOrder() {
        writeEach("a", 1, 5);

        assertThat(replay("a", 2, 4, Long.MAX_VALUE)).containsExactly("a-2", "a-3", "a-4");
        assertThat(replay("a", 1, Long.MAX_VALUE, 2)).containsExactly("a-1", "a-2");
        assertThat(replay("a", 6, Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void givenEntriesOfTwoEntities_whenOneIsReplayed_thenNoneOfTheOthersComesBack() {
        writeEach("a", 1, 3);
        writeEach("ab", 1, 2);

        assertThat(replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("a-1", "a-2", "a-3");
        assertThat(replay("ab", 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("ab-1", "ab-2");
    }

    @Test
    void givenEntries_whenTheHighestSequenceNumberIsAsked_thenItIsTheLastWrittenAndZeroForAnUnknownEntity() {
        writeEach("a", 1, 5);

        assertThat(highest("a")).isEqualTo(5);
        assertThat(highest("nobody")).isZero();
    }

    @Test
    void givenEntries_whenDeletedUpToThree_thenTheRestReplaysAndTheHighestSequenceNumberStays() {
        writeEach("a", 1, 5);

        delete("a", 3);
        assertThat(replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("a-4", "a-5");
        delete("a", Long.MAX_VALUE);

        assertThat(replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(highest("a")).isEqualTo(5);
    }

    @Test
    void givenEntitiesWhoseIdsShareAPrefix_whenTheHighestSequenceNumbersAreAsked_thenEachHasItsOwn() {
        writeEach("a", 1, 3);
        writeEach("ab", 1, 7);

        assertThat(highest("a")).isEqualTo(3);
        assertThat(highest("ab")).isEqualTo(7);
    }

    @Test
    void givenAllEntriesDeleted_whenMoreAreWritten_thenTheHighestSequenceNumberIsTheNewLast() {
        writeEach("a", 1, 5);
        delete("a", Long.MAX_VALUE);

        writeEach("a", 6, 8);

        assertThat(highest("a")).isEqualTo(8);
        assertThat(replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("a-6", "a-7", "a-8");
    }

    @Test
    void givenAWriteThatCannotBeSerialized_whenWrittenWithAnother_thenOnlyItIsRejected() {
        AtomicWrite bad = AtomicWrite.apply(repr(new Object(), "a", 1));
        AtomicWrite good = AtomicWrite.apply(repr("a-2", "a", 2));

        journal.tell(new JournalProtocol.WriteMessages(seq(List.of(bad, good)), probe.getRef(), 1), probe.getRef());

        probe.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
        probe.expectMsgClass(WAIT, JournalProtocol.WriteMessageRejected.class);
        probe.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class);
        assertThat(replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("a-2");
    }

    @Test
    void givenAMessageDeferredBetweenTwoEvents_whenWritten_thenEachIsAnsweredInItsPlace() {
        List<PersistentEnvelope> messages = List.of(AtomicWrite.apply(repr("a-1", "a", 1)),
                new NonPersistentRepr("deferred", ActorRef.noSender()), AtomicWrite.apply(repr("a-2", "a", 2)));

        journal.tell(new JournalProtocol.WriteMessages(seq(messages), probe.getRef(), 1), probe.getRef());

        probe.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
        assertThat(probe.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class).persistent().payload())
                .isEqualTo("a-1");
        assertThat(probe.expectMsgClass(WAIT, JournalProtocol.LoopMessageSuccess.class).message())
                .isEqualTo("deferred");
        assertThat(probe.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class).persistent().payload())
                .isEqualTo("a-2");
    }

    @Test
    void givenAnAtomicWriteOfThree_whenWritten_thenAllThreeReplay() {
        AtomicWrite three = new AtomicWrite(seq(List.of(repr("a-1", "a", 1), repr("a-2", "a", 2),
                repr("a-3", "a", 3))));

        write(List.of(three), 3);

        assertThat(replay("a", 1, Long.MAX_VALUE, Long.MAX_VALUE)).containsExactly("a-1", "a-2", "a-3");
    }

    // ---- transactions and the commit order

    @Test
    void givenTheFirstPartOfADecisionOnTwoServices_whenTheSecondArrives_thenBothCommitTogetherInDecisionOrder()
            throws Exception {
        TestKit fe = new TestKit(system);
        journal.tell(new JournalProtocol.WriteMessages(seq(List.of(AtomicWrite.apply(
                repr(decision(11, "s1").inTransaction(1, 2), "service|fe01|FE", 1)))), fe.getRef(), 1), fe.getRef());
        fe.expectNoMessage(Duration.ofMillis(200));
        assertThat(replay("service|fe01|FE", 1, Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();

        write(List.of(AtomicWrite.apply(repr(decision(10, "s0").inTransaction(1, 2), "service|fe02|FE", 1))), 1);

        fe.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
        List<String> order = new ArrayList<>();
        store.readInCommitOrder(bytes -> order.add(sessionOf(bytes)));
        assertThat(order).containsExactly("s0", "s1");
    }

    @Test
    void givenADecision_whenWritten_thenItIsStoredCompactAndReplaysWhole() throws Exception {
        write(List.of(AtomicWrite.apply(repr(decision(3, "s3"), "service|fe01|FE", 1))), 1);

        List<byte[]> stored = new ArrayList<>();
        store.readInCommitOrder(stored::add);
        assertThat(stored).singleElement().satisfies(bytes -> assertThat(bytes[0]).isZero());
        journal.tell(new JournalProtocol.ReplayMessages(1, Long.MAX_VALUE, Long.MAX_VALUE, "service|fe01|FE",
                probe.getRef()), probe.getRef());
        PersistentRepr replayed = probe.expectMsgClass(WAIT, JournalProtocol.ReplayedMessage.class).persistent();
        probe.expectMsgClass(WAIT, JournalProtocol.RecoverySuccess.class);
        assertThat(replayed.payload()).isEqualTo(decision(3, "s3"));
        assertThat(replayed.persistenceId()).isEqualTo("service|fe01|FE");
        assertThat(replayed.sequenceNr()).isEqualTo(1);
    }

    @Test
    void givenADecisionOnTwoServices_whenOnlyOnePartArrives_thenItFailsAndNothingOfItIsRecorded() {
        journal.tell(new JournalProtocol.WriteMessages(seq(List.of(AtomicWrite.apply(
                repr(decision(1, "s1").inTransaction(1, 2), "service|fe01|FE", 1)))), probe.getRef(), 1),
                probe.getRef());

        probe.expectMsgClass(WAIT, JournalProtocol.WriteMessagesFailed.class);
        probe.expectMsgClass(WAIT, JournalProtocol.WriteMessageFailure.class);
        assertThat(replay("service|fe01|FE", 1, Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(highest("service|fe01|FE")).isZero();
    }

    // ---- helpers

    static DecisionRecorded decision(long number, String session) {
        return DecisionRecorded.of(number, List.of(new Event.SessionStarted(T0, "fe01", "FE", session, "im", null)));
    }

    private static String sessionOf(byte[] bytes) {
        try {
            return ((Event.SessionStarted) ((DecisionRecorded) EntryFormat.payload(bytes)).events().get(0)).session();
        } catch (java.io.NotSerializableException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeEach(String id, long from, long to) {
        List<AtomicWrite> writes = LongStream.rangeClosed(from, to)
                .mapToObj(n -> AtomicWrite.apply(repr(id + "-" + n, id, n))).toList();
        write(writes, writes.size());
    }

    private void write(List<AtomicWrite> writes, int entries) {
        journal.tell(new JournalProtocol.WriteMessages(seq(writes), probe.getRef(), 1), probe.getRef());
        probe.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
        for (int i = 0; i < entries; i++) {
            probe.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class);
        }
    }

    private List<Object> replay(String id, long from, long to, long max) {
        journal.tell(new JournalProtocol.ReplayMessages(from, to, max, id, probe.getRef()), probe.getRef());
        List<Object> replayed = new ArrayList<>();
        while (true) {
            Object m = probe.receiveOne(WAIT);
            if (m instanceof JournalProtocol.ReplayedMessage r) {
                replayed.add(r.persistent().payload());
            } else {
                assertThat(m).isInstanceOf(JournalProtocol.RecoverySuccess.class);
                return replayed;
            }
        }
    }

    private long highest(String id) {
        journal.tell(new JournalProtocol.ReplayMessages(Long.MAX_VALUE, Long.MAX_VALUE, 0, id, probe.getRef()),
                probe.getRef());
        return probe.expectMsgClass(WAIT, JournalProtocol.RecoverySuccess.class).highestSequenceNr();
    }

    private void delete(String id, long to) {
        journal.tell(new JournalProtocol.DeleteMessagesTo(id, to, probe.getRef()), probe.getRef());
        probe.expectMsgClass(WAIT, org.apache.pekko.persistence.DeleteMessagesSuccess.class);
    }

    private static PersistentRepr repr(Object payload, String id, long sequenceNr) {
        return PersistentRepr$.MODULE$.apply(payload, sequenceNr, id, "", false, ActorRef.noSender(), "writer-1");
    }

    @SuppressWarnings("unchecked")
    private static <T> scala.collection.immutable.Seq<T> seq(List<? extends T> items) {
        return (scala.collection.immutable.Seq<T>) CollectionConverters.asScala(new ArrayList<T>(items)).toList();
    }
}
