package io.quiesce.persistence.reliability;

import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.event.EventTypes;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.json.JsonText;
import io.quiesce.persistence.ManualClock;
import io.quiesce.persistence.Operator;
import io.quiesce.persistence.Quiesce;
import io.quiesce.persistence.QuiesceOptions;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import io.quiesce.formats.status.StatusJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not part of the build: writes the data directory that {@link OldJournalTest} opens, with every
 * kind of event, fan-out intents and snapshots of each kind of entity, plus its status and its
 * history as this version reads them. Run it once per journal format, into a new directory:
 * {@code mvn -B -pl persistence -am test -Dtest=OldJournalWriter
 * -Dquiesce.writeJournal=$PWD/persistence/src/test/resources/journals/vN -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "quiesce.writeJournal", matches = ".+")
class OldJournalWriter {
    static final Principal ALICE = Principal.of("alice", "Administrators");

    @TempDir
    Path scratch;

    @Test
    void write() throws Exception {
        Path target = Path.of(System.getProperty("quiesce.writeJournal"));
        assertThat(target).doesNotExist();
        Path data = scratch.resolve("data");
        ManualClock clock = new ManualClock(OldJournalTest.WRITTEN_AT.minus(Duration.ofHours(2)));
        QuiesceOptions options = OldJournalTest.options(data).withClock(clock);
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ALICE).because("maintenance window");
            accepted(alice.createPool("pool1", true));
            for (String server : List.of("fe01", "fe02", "fe03")) {
                accepted(alice.addServer("pool1", server, null));
            }
            accepted(alice.setDnsLoadBalancing("pool1", false));
            String[] features = {"im", "im", "call-park", "attendant", "av-conferencing", "response-group"};
            for (int i = 0; i < 18; i++) {
                clock.advance(Duration.ofSeconds(10));
                accepted(alice.connect("pool1", features[i % features.length], "s" + i));
            }
            accepted(alice.end("s0"));
            accepted(alice.end("s1"));
            // fe02: the procedure, with a drain deadline that passes.
            accepted(alice.pause("fe02", null, Duration.ofMinutes(30), false));
            accepted(alice.setStartup("fe02", null, StartupType.MANUAL));
            clock.advance(Duration.ofMinutes(31));
            q.checkDeadlines();
            awaitDrained(q, "fe02");
            accepted(alice.stop("fe02", null, false));
            accepted(alice.restart("fe02", false));
            accepted(alice.start("fe02", null));
            accepted(alice.setStartup("fe02", null, StartupType.AUTOMATIC));
        }
        // Reopened, so the journal holds a LevelDB table as well as a log.
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ALICE).because("maintenance window");
            // fe03: a pause cleared by a forced restart, then a forced stop of Response Group.
            clock.advance(Duration.ofMinutes(5));
            accepted(alice.pause("fe03", "RTCCPS", null, false));
            accepted(alice.restart("fe03", true));
            accepted(alice.stop("fe03", "RTCRGS", true));
            // fe01: paused and resumed; av-conferencing paused everywhere, so a connection is lost.
            accepted(alice.pause("fe01", "RTCIMMCU", null, false));
            accepted(alice.resume("fe01", "RTCIMMCU"));
            for (String server : List.of("fe01", "fe02", "fe03")) {
                accepted(alice.pause(server, "RTCAVMCU", null, true));
            }
            accepted(alice.connect("pool1", "av-conferencing", "lost-1"));
            // Left pending: a pause whose deadline is after the time the test opens at.
            clock.advance(Duration.between(clock.instant(), OldJournalTest.WRITTEN_AT));
            accepted(alice.pause("fe01", "RTCCAA", Duration.ofHours(1), true));
            accepted(alice.connect("pool1", "im", "s-last"));

            Deployment status = q.status();
            List<Event> history = q.history();
            assertThat(history.stream().map(EventTypes::nameOf).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(EventTypes.all().keySet());
            Files.createDirectories(target);
            Files.writeString(target.resolve("status.json"),
                    JsonText.write(StatusJson.of(status, options.catalog())) + "\n", StandardCharsets.UTF_8);
            Files.writeString(target.resolve("history.jsonl"), history.stream()
                    .map(e -> EventCodec.line(e) + "\n").collect(Collectors.joining()),
                    StandardCharsets.UTF_8);
        }
        DataDirs.copy(data, target.resolve("data"));
        // LevelDB's own text logs are rewritten at every open; they are not the journal.
        for (Path log : DataDirs.files(target.resolve("data/journal"), "LOG(\\.old)?")) {
            Files.delete(log);
        }
    }

    private static void accepted(Decision d) {
        assertThat(d).isInstanceOf(Decision.Accepted.class);
    }

    private static void awaitDrained(Quiesce q, String server) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (q.status().server(server).orElseThrow().services().values().stream()
                .anyMatch(s -> s.status() != ServiceStatus.DRAINED) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }
}
