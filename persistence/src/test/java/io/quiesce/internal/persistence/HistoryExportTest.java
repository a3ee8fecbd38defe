package io.quiesce.internal.persistence;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.Force;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.rules.Deployment;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant I6 (docs/behaviour.md), second half: a history exported from the journal replays to the live state it came from. */
class HistoryExportTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anExportedHistoryReplaysToTheLiveState() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
        Deployment live;
        List<Event> history;
        Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withClock(clock).withFsync(false));
        try {
            Operator alice = q.as(ADMIN).because("night work");
            alice.createPool("pool1", DnsLoadBalancing.OFF);
            for (String server : List.of("fe01", "fe02", "fe03")) {
                alice.addServer("pool1", server);
            }
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(7));
                alice.connect("pool1", i % 2 == 0 ? "call-park" : "im", "s" + i);
            }
            clock.advance(Duration.ofMinutes(1));
            alice.pause(Target.server("fe01"));
            alice.setStartup(Target.server("fe01"), StartupType.MANUAL);
            clock.advance(Duration.ofMinutes(1));
            alice.end("s1");
            alice.restart(Target.server("fe02"), Force.YES);
            clock.advance(Duration.ofMinutes(1));
            alice.stop(Target.server("fe01"), Force.YES);
            live = q.status();
            history = q.history();
        } finally {
            q.close();
        }
        String exported = history.stream().map(e -> EventCodec.line(e)).collect(Collectors.joining("\n"));

        ReplayResult replayed = new Replay(q.rules()).run(new HistoryReader(new BufferedReader(
                new StringReader(exported)), "export.jsonl", "Administrators"), "export.jsonl", null);

        assertThat(history).first().isInstanceOf(Event.PoolCreated.class);
        assertThat(history).filteredOn(e -> e instanceof Event.ServerRestarted).hasSize(1);
        assertThat(replayed.state()).isEqualTo(live);
        assertThat(replayed.interrupted()).isPositive();
    }

    /**
     * Found by the actor-system property: a session id ended on one service and used again on
     * another in the same instant was exported start-before-end, because events of one instant
     * were ordered by entity. They now keep the order they were decided in.
     */
    @Test
    void givenASessionIdEndedAndUsedAgainOnAnotherServiceInOneInstant_thenTheExportKeepsTheirOrder() {
        Quiesce q = Quiesce.open(QuiesceOptions.at(dir).withClock(new ManualClock(T0)).withFsync(false));
        List<Event> history;
        try {
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            alice.connect("pool1", "im", "s2");
            alice.end("s2");
            alice.connect("pool1", "attendant", "s2");
            history = q.history();
        } finally {
            q.close();
        }

        assertThat(history).filteredOn(e -> e instanceof Event.SessionStarted || e instanceof Event.SessionEnded)
                .extracting(e -> e.getClass().getSimpleName() + " " + ((Event.ServiceEvent) e).service())
                .containsExactly("SessionStarted Lync Server Front-End",
                        "SessionEnded Lync Server Front-End",
                        "SessionStarted Lync Server Conferencing Attendant");
        assertThat(replay(q, history).state().server("fe01").orElseThrow()
                .service("Lync Server Conferencing Attendant").sessions()).containsOnlyKeys("s2");
    }

    /**
     * Commands sent together are decided in one batch and written one atomic write per service,
     * so write order differs from decision order; the export still follows decision order, and
     * across a reopen (the numbering continues from the journal).
     */
    @Test
    void givenCommandsDecidedInBatchesAcrossServicesAndAReopen_thenTheExportReplaysToTheLiveState() {
        ManualClock clock = new ManualClock(T0);
        QuiesceOptions options = QuiesceOptions.at(dir).withClock(clock).withFsync(false);
        String[] features = {"im", "attendant", "call-park", "av-conferencing"};
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            alice.addServer("pool1", "fe02");
            sendTogether(alice, features, 0);
        }
        Deployment live;
        List<Event> history;
        Quiesce q = Quiesce.open(options);
        try {
            // Same instant, after the reopen: these must come after everything before it.
            sendTogether(q.as(ADMIN), features, 1);
            live = q.status();
            history = q.history();
        } finally {
            q.close();
        }

        ReplayResult replayed = replay(q, history);

        assertThat(replayed.state()).isEqualTo(live);
        assertThat(history).filteredOn(e -> e instanceof Event.SessionStarted).hasSize(2 * 2 * 40);
        assertThat(live.server("fe01").orElseThrow().services().values().stream()
                .mapToInt(s -> s.sessions().size()).sum()).isPositive();
    }

    /**
     * Callers stamp commands on their own threads (and the deadline timer its own), so a command
     * can be decided after one stamped later. Here the clock itself steps back, also across a
     * reopen: what is decided later is recorded no earlier than what was decided before, so the
     * export, in time order, is in decision order and replays.
     */
    @Test
    void givenCommandsStampedEarlierThanOnesDecidedBefore_thenTheyAreRecordedAtTheLaterTime() {
        ManualClock clock = new ManualClock(T0);
        QuiesceOptions options = QuiesceOptions.at(dir).withClock(clock).withFsync(false);
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1");
            alice.addServer("pool1", "fe01");
            clock.advance(Duration.ofSeconds(10));
            alice.connect("pool1", "im", "s1");
            clock.advance(Duration.ofSeconds(-5));
            alice.end("s1");
        }
        Deployment live;
        List<Event> history;
        Quiesce q = Quiesce.open(options);
        try {
            clock.advance(Duration.ofSeconds(-5));
            q.as(ADMIN).connect("pool1", "attendant", "s1");
            live = q.status();
            history = q.history();
        } finally {
            q.close();
        }

        assertThat(history).filteredOn(e -> e instanceof Event.SessionStarted || e instanceof Event.SessionEnded)
                .extracting(Event::at).containsOnly(T0.plusSeconds(10));
        assertThat(history).filteredOn(e -> e instanceof Event.SessionStarted || e instanceof Event.SessionEnded)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("SessionStarted", "SessionEnded", "SessionStarted");
        assertThat(replay(q, history).state()).isEqualTo(live);
    }

    /**
     * Forty session ids, each opened on one feature, ended, and opened again on the next feature
     * (left open), all sent at once. A later {@code round} first ends them, then does the same on
     * features shifted by one, so ids are reused on other services again.
     */
    private static void sendTogether(Operator alice, String[] features, int round) {
        List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "s" + i;
            if (round > 0) {
                sent.add(alice.endAsync(id).toCompletableFuture());
            }
            sent.add(alice.connectAsync("pool1", features[(i + round) % features.length], id)
                    .toCompletableFuture());
            sent.add(alice.endAsync(id).toCompletableFuture());
            sent.add(alice.connectAsync("pool1", features[(i + round + 1) % features.length], id)
                    .toCompletableFuture());
        }
        assertThat(sent).allSatisfy(f -> assertThat(f.join()).isInstanceOf(io.quiesce.rules.Decision.Accepted.class));
    }

    private static ReplayResult replay(Quiesce q, List<Event> history) {
        String exported = history.stream().map(e -> EventCodec.line(e))
                .collect(Collectors.joining("\n"));
        return new Replay(q.rules()).run(new HistoryReader(new BufferedReader(new StringReader(exported)),
                "export.jsonl", "Administrators"), "export.jsonl", null);
    }
}
