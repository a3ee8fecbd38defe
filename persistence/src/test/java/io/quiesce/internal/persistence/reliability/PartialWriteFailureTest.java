package io.quiesce.internal.persistence.reliability;

import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.PauseOptions;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.internal.persistence.entity.ServiceEntity;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands sent together are written one write per service, all of them one transaction of the
 * journal: when one write fails, none of the batch lands. A command decided on what a failed one
 * changed therefore never lands without it. Here a write to Call Park is held until both commands
 * wait behind it, so that they would be decided together if the gatekeeper let them.
 */
class PartialWriteFailureTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";
    static final String CAA = "Lync Server Conferencing Attendant";
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void install() {
        FailingLeveldbJournal.install();
    }

    @AfterEach
    void uninstall() {
        FailingLeveldbJournal.uninstall();
    }

    @ParameterizedTest
    @EnumSource(FailingLeveldbJournal.Mode.class)
    void givenASessionEndedAndItsIdUsedAgainAtOnce_whenTheEndIsNotRecorded_thenTheIdIsNotActiveTwice(
            FailingLeveldbJournal.Mode mode) {
        FailingLeveldbJournal.mode = mode;
        List<Deployment> states = run(alice -> { }, (q, alice) -> {
            CompletableFuture<Decision> end = alice.endAsync("s1").toCompletableFuture();
            alice.connectAsync("pool1", "attendant", "s1");
            return end;
        });

        for (Deployment d : states) {
            assertThat(service(d, FE).sessions()).containsKey("s1");
            assertThat(service(d, CAA).sessions()).doesNotContainKey("s1");
        }
        assertThat(states.get(1)).isEqualTo(states.get(0));
    }

    /**
     * A passed deadline ends sessions its command does not name: their ids are taken in the batch
     * too. (The deadline is tried again until its write lands, so Front-End ends up drained or
     * not depending on timing; s1 must never reach Conferencing Attendant.)
     */
    @Test
    void givenADeadlineThatInterruptsASession_whenItIsNotRecorded_thenItsIdIsNotActiveTwice() {
        List<Deployment> states = run(alice -> {
            assertThat(alice.pause(Target.service("fe01", FE), PauseOptions.withDeadline(Duration.ofMinutes(1)).forced()))
                    .isInstanceOf(Decision.Accepted.class);
        }, (q, alice) -> {
            // Past the deadline only now: the held command before it is decided before the deadline.
            clock.advance(Duration.ofMinutes(2));
            q.checkDeadlines();
            return alice.connectAsync("pool1", "attendant", "s1").toCompletableFuture()
                    .thenApply(d -> (Decision) null);
        });

        for (Deployment d : states) {
            assertThat(service(d, CAA).sessions()).doesNotContainKey("s1");
            assertThat(service(d, FE).status()).isIn(ServiceStatus.PAUSING, ServiceStatus.DRAINED);
        }
    }

    /**
     * The writes of a batch are one transaction: when one service's write fails, the others of the
     * batch are not recorded either, and listeners hear nothing of them. (Before the journal took
     * whole batches, the end of b landed, drained Conferencing Attendant and was told.)
     */
    @Test
    void givenABatchWithOneFailedWrite_thenNothingOfTheBatchIsRecordedOrTold() {
        List<String> drained = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Decision> endOfB = new CompletableFuture<>();
        List<Deployment> states = run(alice -> {
            assertThat(alice.connect("pool1", "attendant", "b")).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.pause(Target.service("fe01", CAA), PauseOptions.untilDrained().forced()))
                    .isInstanceOf(Decision.Accepted.class);
        }, (q, alice) -> {
            q.addListener(new io.quiesce.QuiesceListener() {
                @Override
                public void drained(String server, String service, Instant at) {
                    drained.add(server + "/" + service);
                }
            });
            CompletableFuture<Decision> end = alice.endAsync("s1").toCompletableFuture();
            alice.endAsync("b").whenComplete((d, f) -> {
                if (f != null) {
                    endOfB.completeExceptionally(f);
                } else {
                    endOfB.complete(d);
                }
            });
            return end;
        });

        assertThat(endOfB).as("the end of b, in the same transaction as the failed write").isCompletedExceptionally();
        for (Deployment d : states) {
            assertThat(service(d, CAA).status()).isEqualTo(ServiceStatus.PAUSING);
            assertThat(service(d, CAA).sessions()).containsKey("b");
            assertThat(service(d, FE).sessions()).containsKey("s1");
        }
        // Closing waited for everything recorded to reach the listeners.
        assertThat(drained).isEmpty();
    }

    /**
     * A later command waits for a passed deadline to be recorded first. When the journal will not
     * take the deadline, the command is not decided (its caller hears so, or times out with the
     * write) and it is not decided later either, when nobody waits for it any more; once the
     * journal takes writes again, the deadline fires and the next command goes through after it.
     */
    @Test
    void givenAPassedDeadlineTheJournalWillNotTake_whenALaterCommandArrives_thenItIsNotDecided() {
        QuiesceOptions options = options();
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01(q);
            assertThat(alice.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.pause(Target.service("fe01", FE), PauseOptions.withDeadline(Duration.ofMinutes(1)).forced()))
                    .isInstanceOf(Decision.Accepted.class);
            // The gatekeeper arms the deadline's timer after answering the pause: a clock that jumps before it
            // has would fire the deadline at once, on its own rather than ahead of the pause below (and that
            // attempt's failure would not be the pause's). A status read is handled only after that.
            q.status();
            FailingLeveldbJournal.failing = ServiceEntity.persistenceId("fe01", FE).id();
            clock.advance(Duration.ofMinutes(2));

            assertThatThrownBy(() -> alice.pause(Target.service("fe01", CAA), PauseOptions.untilDrained().forced()))
                    .isInstanceOf(QuiesceException.class);
            FailingLeveldbJournal.failing = null;
            assertThat(alice.pause(Target.service("fe01", CAA), PauseOptions.untilDrained().forced()))
                    .as("the first pause was never decided")
                    .isInstanceOfSatisfying(Decision.Accepted.class, a -> assertThat(a.changedNothing()).isFalse());
            assertThat(service(q.status(), FE).status()).isEqualTo(ServiceStatus.DRAINED);
            List<Event> history = q.history();
            assertThat(history.stream().filter(e -> e instanceof Event.DrainDeadlinePassed || e instanceof Event.ServicePaused p
                    && p.service().equals(CAA)).map(e -> e.getClass().getSimpleName()))
                    .containsExactly("DrainDeadlinePassed", "ServicePaused");
        }
    }

    /**
     * A decision that reaches several services of a server is one transaction as well: the server's
     * entry and every service's part land together or not at all. When one service's part cannot be
     * written, no service is paused, live or after reopening, and the history holds none of it.
     */
    @ParameterizedTest
    @EnumSource(FailingLeveldbJournal.Mode.class)
    void givenAWholeServerPause_whenOneServicesPartIsNotRecorded_thenNoServiceIsPaused(FailingLeveldbJournal.Mode mode) {
        FailingLeveldbJournal.mode = mode;
        QuiesceOptions options = options();
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01(q);
            FailingLeveldbJournal.failing = ServiceEntity.persistenceId("fe01", FE).id();

            assertThatThrownBy(() -> alice.pause(Target.server("fe01"), PauseOptions.untilDrained().forced()))
                    .isInstanceOf(QuiesceException.class);

            FailingLeveldbJournal.failing = null;
            assertNothingPaused(q);
        }
        try (Quiesce q = Quiesce.open(options)) {
            assertNothingPaused(q);
        }
    }

    /**
     * Session traffic that arrives while a batch's commit is being synced is decided on what that
     * batch changes and sent at once, as a transaction the journal commits only after the batch's
     * own. When that commit fails, the command decided on it is not recorded either.
     */
    @Test
    void givenACommandDecidedOnAWriteBeingSynced_whenThatSyncFails_thenTheCommandIsNotRecordedEither()
            throws InterruptedException {
        QuiesceOptions options = options();
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01WithS1(q);
            holdAndFailTheNextSyncOf(FE);

            List<CompletableFuture<Decision>> sent = sendWhileTheSyncIsHeld(() -> alice.endAsync("s1"), 300,
                    () -> alice.connectAsync("pool1", "attendant", "s1"));
            CompletableFuture<Decision> end = sent.get(0);
            CompletableFuture<Decision> again = sent.get(1);

            // Neither is answered as done (the entities' failed writes go unanswered: the callers' timeout ends them).
            assertThat(end).failsWithin(Duration.ofSeconds(10));
            assertThat(again).failsWithin(Duration.ofSeconds(10));
            assertThat(alice.connect("pool1", "call-park", "probe")).isInstanceOf(Decision.Accepted.class);
            assertSessionOnlyOnFrontEnd(q.status());
        }
        try (Quiesce q = Quiesce.open(options)) {
            assertSessionOnlyOnFrontEnd(q.status());
        }
    }

    /** The same, the held sync landing: both land, in the order they were decided. */
    @Test
    void givenACommandDecidedOnAWriteBeingSynced_whenThatSyncLands_thenBothAreRecordedInOrder()
            throws InterruptedException {
        QuiesceOptions options = options();
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01WithS1(q);
            holdTheSyncsOf(FE);

            List<CompletableFuture<Decision>> sent = sendWhileTheSyncIsHeld(() -> alice.endAsync("s1"), 300,
                    () -> alice.connectAsync("pool1", "attendant", "s1"));
            CompletableFuture<Decision> end = sent.get(0);
            CompletableFuture<Decision> again = sent.get(1);

            assertThat(end).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Decision.Accepted.class);
            assertThat(again).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Decision.Accepted.class);
            assertThat(q.history().stream().filter(e -> e instanceof Event.SessionStarted
                            || e instanceof Event.SessionEnded).map(e -> e.getClass().getSimpleName()))
                    .containsExactly("SessionStarted", "SessionEnded", "SessionStarted");
        }
        try (Quiesce q = Quiesce.open(options)) {
            assertThat(service(q.status(), CAA).sessions()).containsKey("s1");
            assertThat(service(q.status(), FE).sessions()).doesNotContainKey("s1");
        }
    }

    /**
     * A caller who retries while the first try's sync hangs: decided on the first try, the retry would
     * be refused as an unknown session. When the first try's sync then fails, that refusal rested on
     * nothing recorded: the retry is decided again once the state is read back, and ends the session.
     */
    @Test
    void givenARetryDecidedOnAWriteBeingSynced_whenThatSyncFails_thenTheRetryIsDecidedAgainOnWhatWasRecorded()
            throws InterruptedException {
        QuiesceOptions options = options();
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01WithS1(q);
            holdAndFailTheNextSyncOf(FE);

            // The retry late enough that its own timeout (3 s from then) falls after the first try's (3 s from its start).
            List<CompletableFuture<Decision>> sent = sendWhileTheSyncIsHeld(() -> alice.endAsync("s1"), 1_500,
                    () -> alice.endAsync("s1"));
            CompletableFuture<Decision> first = sent.get(0);
            CompletableFuture<Decision> retry = sent.get(1);

            assertThat(first).failsWithin(Duration.ofSeconds(10));
            assertThat(retry).succeedsWithin(Duration.ofSeconds(10))
                    .isInstanceOfSatisfying(Decision.Accepted.class, a -> assertThat(a.changedNothing()).isFalse());
            assertThat(service(q.status(), FE).sessions()).doesNotContainKey("s1");
        }
        try (Quiesce q = Quiesce.open(options)) {
            assertThat(service(q.status(), FE).sessions()).doesNotContainKey("s1");
        }
    }

    /**
     * A session's write whose sync hangs past the write timeout: the command is answered with an error
     * (it may or may not land). A connect sent meanwhile is decided on what the end changed and follows
     * it in the journal. When the sync lands, both commit; the end's receipt reaches the gatekeeper after
     * its batch was given up and changes nothing, and once the state is read back (before the next
     * command is decided) what is shown is what the journal holds: the session ended, once.
     */
    @Test
    void givenASessionWriteHeldPastTheWriteTimeout_whenItLandsAfterwards_thenItsLateReceiptChangesNothing()
            throws InterruptedException {
        QuiesceOptions options = options();
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01WithS1(q);
            holdTheSyncsOf(FE);

            CompletableFuture<Decision> end = alice.endAsync("s1").toCompletableFuture();
            assertThat(end).failsWithin(Duration.ofSeconds(10)); // the command timeout, 3 s
            CompletableFuture<Decision> next = alice.connectAsync("pool1", "attendant", "s2").toCompletableFuture();
            Thread.sleep(300);
            assertThat(next).as("its commit follows the held one").isNotDone();
            FailingLeveldbJournal.release.countDown();

            assertThat(next).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.connect("pool1", "attendant", "s3")).isInstanceOf(Decision.Accepted.class);
            assertThat(service(q.status(), FE).sessions()).doesNotContainKey("s1");
            assertThat(service(q.status(), CAA).sessions()).containsKeys("s2", "s3");
            assertThat(q.history().stream().filter(e -> e instanceof Event.SessionEnded))
                    .extracting(e -> ((Event.SessionEnded) e).session()).containsExactly("s1");
        }
        try (Quiesce q = Quiesce.open(options)) {
            assertThat(service(q.status(), FE).sessions()).doesNotContainKey("s1");
            assertThat(service(q.status(), CAA).sessions()).containsKeys("s2", "s3");
        }
    }

    /** pool1 with fe01, and s1 on its Front-End; the administrator who did. */
    private static Operator poolOfFe01WithS1(Quiesce q) {
        Operator alice = poolOfFe01(q);
        assertThat(alice.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
        return alice;
    }

    /**
     * Sends {@code first}; {@code pauseMillis} later, its write in the journal's held sync, sends
     * {@code second}; releases the sync once that is decided and sent. Both answers, in that order.
     */
    private static List<CompletableFuture<Decision>> sendWhileTheSyncIsHeld(
            Supplier<CompletionStage<Decision>> first, long pauseMillis, Supplier<CompletionStage<Decision>> second)
            throws InterruptedException {
        CompletableFuture<Decision> a = first.get().toCompletableFuture();
        Thread.sleep(pauseMillis);
        CompletableFuture<Decision> b = second.get().toCompletableFuture();
        Thread.sleep(300);
        FailingLeveldbJournal.release.countDown();
        return List.of(a, b);
    }

    /** Commits holding an entry of fe01's {@code service} wait until the test releases them. */
    private static void holdTheSyncsOf(String service) {
        FailingLeveldbJournal.holdingCommit = ServiceEntity.persistenceId("fe01", service).id();
        FailingLeveldbJournal.release = new CountDownLatch(1);
    }

    private static void holdAndFailTheNextSyncOf(String service) {
        holdTheSyncsOf(service);
        FailingLeveldbJournal.failingCommit = FailingLeveldbJournal.holdingCommit;
    }

    private static void assertSessionOnlyOnFrontEnd(Deployment d) {
        assertThat(service(d, FE).sessions()).containsKey("s1");
        assertThat(service(d, CAA).sessions()).doesNotContainKey("s1");
    }

    private static void assertNothingPaused(Quiesce q) {
        assertThat(q.status().server("fe01").orElseThrow().services().values())
                .extracting(ServiceState::status).containsOnly(ServiceStatus.RUNNING);
        assertThat(q.history()).noneMatch(e -> e instanceof Event.ServicePaused);
    }

    interface Together {
        /** Sends the commands to be decided together; the answer of the one whose write fails, if any. */
        CompletableFuture<?> send(Quiesce q, Operator alice);
    }

    /**
     * A pool of fe01 with session s1 on Front-End, {@code before} run, then Front-End's writes
     * failing while {@code together} is sent behind a held write. The live state once all is
     * decided, and the state recovered by reopening.
     */
    private List<Deployment> run(Consumer<Operator> before, Together together) {
        QuiesceOptions options = options();
        Deployment live;
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = poolOfFe01(q);
            assertThat(alice.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            before.accept(alice);
            FailingLeveldbJournal.failing = ServiceEntity.persistenceId("fe01", FE).id();
            FailingLeveldbJournal.holding = ServiceEntity.persistenceId("fe01", "Lync Server Call Park").id();
            FailingLeveldbJournal.release = new CountDownLatch(1);

            CompletableFuture<Decision> busy = alice.connectAsync("pool1", "call-park", "s0").toCompletableFuture();
            CompletableFuture<?> failing = together.send(q, alice);
            FailingLeveldbJournal.release.countDown();
            assertThat(busy.join()).isInstanceOf(Decision.Accepted.class);
            assertThat(failing.handle((d, failure) -> failure)).succeedsWithin(Duration.ofSeconds(30));
            FailingLeveldbJournal.failing = null;
            // Commands are decided in arrival order: once this one is answered, all the others were.
            assertThat(alice.connect("pool1", "call-park", "probe")).isInstanceOf(Decision.Accepted.class);
            live = q.status();
        }
        Deployment recovered;
        try (Quiesce q = Quiesce.open(options)) {
            recovered = q.status();
        }
        return List.of(live, recovered);
    }

    /** Fails fast: a command whose write fails is answered within three seconds. */
    private QuiesceOptions options() {
        return QuiesceOptions.at(dir).withClock(clock).withFsync(false).withCommandTimeout(Duration.ofSeconds(3));
    }

    /** Creates pool1 with fe01 in it; the administrator who did. */
    private static Operator poolOfFe01(Quiesce q) {
        Operator alice = q.as(ADMIN);
        alice.createPool("pool1");
        alice.addServer("pool1", "fe01");
        return alice;
    }

    static ServiceState service(Deployment d, String name) {
        return d.server("fe01").orElseThrow().service(name);
    }
}
