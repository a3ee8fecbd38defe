package io.quiesce.internal.persistence.reliability;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.Force;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.PauseOptions;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.event.Event;
import io.quiesce.event.EventTypes;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.status.StatusJson;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
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
            accepted(alice.createPool("pool1"));
            for (String server : List.of("fe01", "fe02", "fe03")) {
                accepted(alice.addServer("pool1", server));
            }
            accepted(alice.setDnsLoadBalancing("pool1", DnsLoadBalancing.OFF));
            String[] features = {"im", "im", "call-park", "attendant", "av-conferencing", "response-group"};
            for (int i = 0; i < 18; i++) {
                clock.advance(Duration.ofSeconds(10));
                accepted(alice.connect("pool1", features[i % features.length], "s" + i));
            }
            accepted(alice.end("s0"));
            accepted(alice.end("s1"));
            // fe02: the procedure, with a drain deadline that passes.
            accepted(alice.pause(Target.server("fe02"), PauseOptions.withDeadline(Duration.ofMinutes(30))));
            accepted(alice.setStartup(Target.server("fe02"), StartupType.MANUAL));
            clock.advance(Duration.ofMinutes(31));
            q.checkDeadlines();
            awaitDrained(q, "fe02");
            accepted(alice.stop(Target.server("fe02")));
            accepted(alice.restart(Target.server("fe02")));
            accepted(alice.start(Target.server("fe02")));
            accepted(alice.setStartup(Target.server("fe02"), StartupType.AUTOMATIC));
        }
        // Reopened, so the journal holds a LevelDB table as well as a log.
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ALICE).because("maintenance window");
            // fe03: a pause cleared by a forced restart, then a forced stop of Response Group.
            clock.advance(Duration.ofMinutes(5));
            accepted(alice.pause(Target.service("fe03", "RTCCPS")));
            accepted(alice.restart(Target.server("fe03"), Force.YES));
            accepted(alice.stop(Target.service("fe03", "RTCRGS"), Force.YES));
            // fe01: paused and resumed; av-conferencing paused everywhere, so a connection is lost.
            accepted(alice.pause(Target.service("fe01", "RTCIMMCU")));
            accepted(alice.resume(Target.service("fe01", "RTCIMMCU")));
            for (String server : List.of("fe01", "fe02", "fe03")) {
                accepted(alice.pause(Target.service(server, "RTCAVMCU"), PauseOptions.untilDrained().forced()));
            }
            accepted(alice.connect("pool1", "av-conferencing", "lost-1"));
            // Left pending: a pause whose deadline is after the time the test opens at.
            clock.advance(Duration.between(clock.instant(), OldJournalTest.WRITTEN_AT));
            accepted(alice.pause(Target.service("fe01", "RTCCAA"),
                    PauseOptions.withDeadline(Duration.ofHours(1)).forced()));
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
