package io.quiesce.persistence;

import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.history.EventCodec;
import io.quiesce.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.json.Json;
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

/** SPEC I6, second half: a history exported from the journal replays to the live state it came from. */
class HistoryExportTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");

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
            alice.createPool("pool1", false);
            for (String server : List.of("fe01", "fe02", "fe03")) {
                alice.addServer("pool1", server, null);
            }
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(7));
                alice.connect("pool1", i % 2 == 0 ? "call-park" : "im", "s" + i);
            }
            clock.advance(Duration.ofMinutes(1));
            alice.pause("fe01", null, null, false);
            alice.setStartup("fe01", null, StartupType.MANUAL);
            clock.advance(Duration.ofMinutes(1));
            alice.end("s1");
            alice.restart("fe02", true);
            clock.advance(Duration.ofMinutes(1));
            alice.stop("fe01", null, true);
            live = q.status();
            history = q.history();
        } finally {
            q.close();
        }
        String exported = history.stream().map(e -> Json.write(EventCodec.encode(e))).collect(Collectors.joining("\n"));

        ReplayResult replayed = new Replay(q.rules()).run(new HistoryReader(new BufferedReader(
                new StringReader(exported)), "export.jsonl", "Administrators"), "export.jsonl", null);

        assertThat(history).first().isInstanceOf(Event.PoolCreated.class);
        assertThat(history).filteredOn(e -> e instanceof Event.ServerRestarted).hasSize(1);
        assertThat(replayed.state()).isEqualTo(live);
        assertThat(replayed.interrupted()).isPositive();
    }
}
