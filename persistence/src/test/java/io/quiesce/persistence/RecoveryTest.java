package io.quiesce.persistence;

import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC I6: the state rebuilt from the journal after a process restart equals the state before it. */
class RecoveryTest {
    static final Principal ADMIN = Principal.of("alice", "Administrators");
    static final String FE = "Lync Server Front-End";

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));

    QuiesceOptions options() {
        return QuiesceOptions.at(dir).withClock(clock);
    }

    @Test
    void statusAfterReopenEqualsStatusBeforeClose() {
        Deployment before;
        try (Quiesce q = Quiesce.open(options())) {
            Operator alice = q.as(ADMIN).because("patch night");
            assertThat(alice.createPool("pool1", false)).isInstanceOf(Decision.Accepted.class);
            for (String server : new String[] {"fe01", "fe02", "fe03"}) {
                assertThat(alice.addServer("pool1", server, null)).isInstanceOf(Decision.Accepted.class);
            }
            for (int i = 0; i < 6; i++) {
                assertThat(alice.connect("pool1", "call-park", "cp-" + i)).isInstanceOf(Decision.Accepted.class);
            }
            assertThat(alice.pause("fe01", null, null, false)).isInstanceOf(Decision.Accepted.class);
            assertThat(alice.setStartup("fe01", null, StartupType.MANUAL)).isInstanceOf(Decision.Accepted.class);
            alice.end("cp-0");
            clock.advance(Duration.ofMinutes(5));
            before = q.status();
        }
        assertThat(before.server("fe01").orElseThrow().service(FE).status()).isNotEqualTo(ServiceStatus.RUNNING);
        try (Quiesce q = Quiesce.open(options())) {
            assertThat(q.status()).isEqualTo(before);
        }
    }
}
