package io.quiesce;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedding API: value-object targets, named options, and the library's clock on every command. */
class QuiesceApiTest {
    static final Principal ALICE = Principal.of("alice", "Administrators");
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(T0);

    Quiesce open() {
        return Quiesce.open(QuiesceOptions.at(dir).withClock(clock).withFsync(false));
    }

    static void twoServerPool(Operator alice) {
        assertThat(alice.createPool("pool1", DnsLoadBalancing.OFF)).isInstanceOf(Decision.Accepted.class);
        assertThat(alice.addServer("pool1", "fe01")).isInstanceOf(Decision.Accepted.class);
        assertThat(alice.addServer("pool1", "fe02")).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void givenACommandStampedInTheFuture_whenExecuted_thenItIsRecordedAtTheLibrarysTime() {
        try (Quiesce q = open()) {
            twoServerPool(q.as(ALICE));
            Instant nextYear = T0.plus(Duration.ofDays(365));

            Decision d = q.execute(new Command.Pause("fe01", "RTCSRV", null, false,
                    new Act(ALICE, nextYear, "from a parsed line")));

            assertThat(d).isInstanceOfSatisfying(Decision.Accepted.class, a -> assertThat(a.events())
                    .isNotEmpty().allSatisfy(e -> assertThat(e.at()).isEqualTo(T0)));
            assertThat(q.history()).extracting(Event::at).allSatisfy(at -> assertThat(at).isEqualTo(T0));
            clock.advance(Duration.ofSeconds(5));
            Decision next = q.as(ALICE).resume(Target.service("fe01", "RTCSRV"));
            assertThat(next).isInstanceOfSatisfying(Decision.Accepted.class,
                    a -> assertThat(a.events().get(0).at()).as("the recorded clock did not jump ahead")
                            .isEqualTo(T0.plusSeconds(5)));
        }
    }

    @Test
    void givenADeadlinePassedCommand_whenSubmitted_thenItIsRefusedAndNothingIsRecorded() {
        try (Quiesce q = open()) {
            twoServerPool(q.as(ALICE));
            int recorded = q.history().size();

            assertThatThrownBy(() -> q.execute(new Command.DeadlinePassed("fe01", FE, T0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkDeadlines");
            assertThat(q.history()).hasSize(recorded);
        }
    }

    @Test
    void givenAServiceTarget_whenPausedWithADeadline_thenOnlyThatServicePausesAndTheDeadlineCutsItsSessions() {
        try (Quiesce q = open()) {
            Operator alice = q.as(ALICE).because("patch");
            twoServerPool(alice);
            List<String> interrupted = new CopyOnWriteArrayList<>();
            q.addListener(new QuiesceListener() {
                @Override
                public void sessionInterrupted(String server, String service, String session, String feature,
                                               io.quiesce.service.InterruptionCause cause, Instant at) {
                    interrupted.add(session);
                }
            });
            alice.connect("pool1", "im", "s1");
            String host = q.status().serviceWithSession("s1").orElseThrow().server();

            Decision d = alice.pause(Target.service(host, "RTCSRV"),
                    PauseOptions.withDeadline(Duration.ofMinutes(30)));

            assertThat(d).isInstanceOf(Decision.Accepted.class);
            assertThat(q.status().server(host).orElseThrow().service(FE).status()).isEqualTo(ServiceStatus.PAUSING);
            clock.advance(Duration.ofMinutes(31));
            q.checkDeadlines();
            assertThat(alice.end("s1")).as("the deadline cut s1 off").isInstanceOfSatisfying(Decision.Rejected.class,
                    r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.UNKNOWN_SESSION));
            assertThat(q.status().server(host).orElseThrow().service(FE).status()).isEqualTo(ServiceStatus.DRAINED);
        }
    }

    @Test
    void givenTheLastRunningInstance_whenStoppedWithoutAndWithForce_thenTheGuardRefusesThenYields() {
        try (Quiesce q = open()) {
            Operator alice = q.as(ALICE);
            twoServerPool(alice);
            assertThat(alice.stop(Target.service("fe02", "RTCCPS"))).isInstanceOf(Decision.Accepted.class);

            Decision guarded = alice.stop(Target.service("fe01", "RTCCPS"));
            Decision forced = alice.stop(Target.service("fe01", "RTCCPS"), Force.YES);

            assertThat(guarded).isInstanceOfSatisfying(Decision.Rejected.class,
                    r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.CAPACITY_GUARD));
            assertThat(forced).isInstanceOf(Decision.Accepted.class);
            assertThat(q.status().server("fe01").orElseThrow().service("Lync Server Call Park").status())
                    .isEqualTo(ServiceStatus.OFFLINE);
        }
    }

    @Test
    void givenAManualServer_whenRestarted_thenItStaysOffline() {
        try (Quiesce q = open()) {
            Operator alice = q.as(ALICE);
            twoServerPool(alice);
            alice.addServer("pool1", "fe03");
            alice.setStartup(Target.server("fe01"), StartupType.MANUAL);
            alice.pause(Target.server("fe01"));

            Decision d = alice.restart(Target.server("fe01"));

            assertThat(d).isInstanceOf(Decision.Accepted.class);
            assertThat(q.status().server("fe01").orElseThrow().status()).isEqualTo(ServiceStatus.OFFLINE);
        }
    }

    @Test
    void givenBlankOrMissingNames_whenATargetIsMade_thenItIsRefusedAtOnce() {
        assertThatThrownBy(() -> Target.server(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.service("fe01", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.server(null)).isInstanceOf(NullPointerException.class);
        assertThat(Target.service("fe01", "RTCSRV").service()).contains("RTCSRV");
        assertThat(Target.server("fe01").service()).isEmpty();
    }

    @Test
    void givenPauseOptions_whenBuilt_thenTheyNameWhatTheySet() {
        assertThat(PauseOptions.untilDrained().deadline()).isEmpty();
        assertThat(PauseOptions.untilDrained().force()).isEqualTo(Force.NO);
        assertThat(PauseOptions.withDeadline(Duration.ofMinutes(5)).forced())
                .satisfies(o -> assertThat(o.deadline()).contains(Duration.ofMinutes(5)))
                .satisfies(o -> assertThat(o.force()).isEqualTo(Force.YES));
    }

    @Test
    void givenAListener_whenAServiceIsObservedAndACommandRefused_thenItHearsEachDecisionAndTheJournalWrites() {
        List<Decision> decided = new CopyOnWriteArrayList<>();
        List<Duration> written = new CopyOnWriteArrayList<>();
        Decision observed;
        Decision refused;
        try (Quiesce q = open()) {
            twoServerPool(q.as(ALICE));
            q.addListener(hearing(decided::add, written::add));

            observed = q.as(ALICE).observe(Target.service("fe01", "RTCSRV"), 12);
            refused = q.as(Principal.of("bob")).observe(Target.service("fe01", "RTCSRV"), 3);

            assertThat(observed).isInstanceOf(Decision.Accepted.class);
            assertThat(refused).isInstanceOf(Decision.Rejected.class);
            assertThat(q.status().server("fe01").orElseThrow().service(FE).observed()).isEqualTo(12);
        }
        // closing waits for what was told to reach the listeners
        assertThat(decided).containsExactly(observed, refused);
        assertThat(written).as("only the accepted observation wrote to the journal").hasSize(1)
                .allSatisfy(took -> assertThat(took).isPositive());
    }

    @Test
    void givenAnsweredObservations_whenAListenerIsAddedAfterEachAnswer_thenItHearsNothingOfThem() {
        List<Object> heard = new CopyOnWriteArrayList<>();
        QuiesceListener late = hearing(heard::add, heard::add);
        try (Quiesce q = open()) {
            twoServerPool(q.as(ALICE));
            // The write's and the decision's notices race the answer: many rounds give the race its chances.
            for (int i = 0; i < 100; i++) {
                assertThat(q.as(ALICE).observe(Target.service("fe01", "RTCSRV"), i)).isInstanceOf(Decision.Accepted.class);
                q.addListener(late);
                q.removeListener(late);
            }
        }
        assertThat(heard).as("what was answered before the listener came").isEmpty();
    }

    /** A listener of decisions and journal writes. */
    static QuiesceListener hearing(Consumer<Decision> decisions, Consumer<Duration> writes) {
        return new QuiesceListener() {
            @Override
            public void decided(Command command, Decision decision) {
                decisions.accept(decision);
            }

            @Override
            public void journalWritten(Duration took) {
                writes.accept(took);
            }
        };
    }
}
