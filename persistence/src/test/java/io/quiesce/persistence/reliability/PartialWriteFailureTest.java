package io.quiesce.persistence.reliability;

import io.quiesce.auth.Principal;
import io.quiesce.persistence.ManualClock;
import io.quiesce.persistence.Operator;
import io.quiesce.persistence.Quiesce;
import io.quiesce.persistence.QuiesceOptions;
import io.quiesce.persistence.entity.ServiceEntity;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands sent together are written one write per service, and one write can fail while the
 * others land. A command decided on what a failed one changed must then not land either: the
 * gatekeeper never puts both in one batch.
 */
class PartialWriteFailureTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";
    static final String CAA = "Lync Server Conferencing Attendant";
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

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
        QuiesceOptions options = QuiesceOptions.at(dir).withClock(new ManualClock(T0)).withFsync(false)
                .withCommandTimeout(Duration.ofSeconds(3));
        Deployment live;
        try (Quiesce q = Quiesce.open(options)) {
            Operator alice = q.as(ADMIN);
            alice.createPool("pool1", true);
            alice.addServer("pool1", "fe01", null);
            assertThat(alice.connect("pool1", "im", "s1")).isInstanceOf(Decision.Accepted.class);
            FailingLeveldbJournal.failing = ServiceEntity.persistenceId("fe01", FE).id();

            // The first keeps the journal busy, so the other two wait and are decided together.
            CompletableFuture<Decision> busy = alice.connectAsync("pool1", "call-park", "s0").toCompletableFuture();
            CompletableFuture<Decision> end = alice.endAsync("s1").toCompletableFuture();
            alice.connectAsync("pool1", "attendant", "s1");
            assertThat(busy.join()).isInstanceOf(Decision.Accepted.class);
            assertThat(end.handle((d, failure) -> failure)).succeedsWithin(Duration.ofSeconds(30))
                    .as("the end is not recorded, and its caller hears so").isNotNull();
            FailingLeveldbJournal.failing = null;
            // Commands are decided in arrival order: once this one is answered, the reuse of s1 was decided.
            assertThat(alice.connect("pool1", "call-park", "probe")).isInstanceOf(Decision.Accepted.class);
            live = q.status();
        }
        Deployment recovered;
        try (Quiesce q = Quiesce.open(options)) {
            recovered = q.status();
        }

        for (Deployment d : java.util.List.of(live, recovered)) {
            assertThat(service(d, FE).sessions()).containsKey("s1");
            assertThat(service(d, CAA).sessions()).doesNotContainKey("s1");
        }
        assertThat(recovered).isEqualTo(live);
    }

    static ServiceState service(Deployment d, String name) {
        return d.server("fe01").orElseThrow().service(name);
    }
}
