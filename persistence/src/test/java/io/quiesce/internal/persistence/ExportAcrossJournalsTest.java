package io.quiesce.internal.persistence;

import io.quiesce.DnsLoadBalancing;
import io.quiesce.Force;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.internal.persistence.journal.postgres.PrivatePostgres;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded journal and the PostgreSQL one record the same history: the same commands, on the
 * same clock, give the same export line for line, and an export from either replays to the
 * status of the other, across a reopen that reads snapshots back.
 */
@ExtendWith(PrivatePostgres.class)
class ExportAcrossJournalsTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final Instant T0 = Instant.parse("2026-12-04T22:00:00Z");

    @TempDir
    Path embeddedData;

    @TempDir
    Path postgresData;

    record Run(Deployment live, List<String> export) {
    }

    @Test
    void givenTheSameCommandsOnBothJournals_whenEachIsExported_thenTheExportsMatchAndEachReplaysToTheOthersStatus(
            PrivatePostgres.Databases databases) {
        Run embedded = nightOfWork(QuiesceOptions.at(embeddedData));
        Run postgres = nightOfWork(QuiesceOptions.at(postgresData).withJournal(databases.create()));

        assertThat(postgres.export()).hasSizeGreaterThan(20).containsExactlyElementsOf(embedded.export());
        assertThat(replay(embedded.export()).state()).isEqualTo(postgres.live());
        assertThat(replay(postgres.export()).state()).isEqualTo(embedded.live());
    }

    /** A pool, sessions, a drain and a restart; closed and reopened (snapshots every two entries) midway. */
    private static Run nightOfWork(QuiesceOptions base) {
        ManualClock clock = new ManualClock(T0);
        QuiesceOptions options = base.withClock(clock).withFsync(false).withSnapshotEvery(2);
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN).because("night work");
            alice.createPool("pool1", DnsLoadBalancing.OFF);
            for (String server : List.of("fe01", "fe02", "fe03")) {
                alice.addServer("pool1", server);
            }
            for (int i = 0; i < 8; i++) {
                clock.advance(Duration.ofSeconds(5));
                alice.connect("pool1", i % 2 == 0 ? "call-park" : "im", "s" + i);
            }
            clock.advance(Duration.ofMinutes(1));
            alice.pause(Target.server("fe01"));
            alice.setStartup(Target.server("fe01"), StartupType.MANUAL);
        }
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN).because("night work");
            clock.advance(Duration.ofMinutes(1));
            alice.end("s1");
            alice.restart(Target.server("fe02"), Force.YES);
            clock.advance(Duration.ofMinutes(1));
            alice.stop(Target.server("fe01"), Force.YES);
            alice.connect("pool1", "im", "s9");
            return new Run(q.status(), q.history().stream().map(EventCodec::line).toList());
        }
    }

    private static ReplayResult replay(List<String> export) {
        String text = String.join("\n", export);
        return new Replay(new Rules(Catalog.defaults(), new Authorization(Authorization.DEFAULT_ADMIN_GROUP))).run(new HistoryReader(new BufferedReader(
                new StringReader(text)), "export.jsonl", "Administrators"), "export.jsonl", null);
    }
}
