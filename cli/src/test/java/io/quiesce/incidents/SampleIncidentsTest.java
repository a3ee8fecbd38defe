package io.quiesce.incidents;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.history.Finding;
import io.quiesce.history.FindingCode;
import io.quiesce.formats.history.HistoryReader;
import io.quiesce.history.Replay;
import io.quiesce.history.ReplayResult;
import io.quiesce.history.WhatIf;
import io.quiesce.rules.Rules;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample incidents under docs/incidents/ say what they are meant to show. */
class SampleIncidentsTest {
    static final Path INCIDENTS = Path.of("../docs/incidents");
    final Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());

    ReplayResult replay(String file, List<String> whatIf) throws IOException {
        Path path = INCIDENTS.resolve(file);
        try (BufferedReader reader = Files.newBufferedReader(path)) {
            HistoryReader lines = new HistoryReader(reader, file, "Administrators");
            return whatIf.isEmpty() ? new Replay(rules).run(lines, file, null)
                    : new Replay(rules).whatIf(lines, file, null, WhatIf.parse(whatIf));
        }
    }

    @Test
    void theAutomaticRestartTrap() throws IOException {
        ReplayResult r = replay("restart-trap.jsonl", List.of());

        assertThat(r.findings()).extracting(Finding::code).containsOnly(FindingCode.PAUSE_CLEARED_BY_RESTART);
        assertThat(r.findings()).extracting(Finding::server).containsOnly("fe01");
        // The paused server took new calls right after its restart.
        assertThat(r.state().server("fe01").orElseThrow().service("Lync Server Front-End").sessionCount())
                .isEqualTo(2);

        ReplayResult manual = replay("restart-trap.jsonl", List.of("startup.fe01=manual"));
        assertThat(manual.findings()).isEmpty();
        assertThat(manual.state().server("fe01").orElseThrow().status()).isEqualTo(ServiceStatus.OFFLINE);
    }

    @Test
    void callParkWithoutDnsLoadBalancing() throws IOException {
        ReplayResult r = replay("call-park-without-dns-lb.jsonl", List.of());

        assertThat(r.findings()).extracting(Finding::code).containsExactlyInAnyOrder(
                FindingCode.INTERRUPTED_WITHOUT_DNS_LB, FindingCode.FORCED_INTERRUPTION, FindingCode.DRAIN_INCOMPLETE);
        assertThat(r.refusals()).extracting(x -> x.rejection().code().name()).containsExactly("DNS_LB_SESSIONS");
        assertThat(r.interrupted()).isEqualTo(2);

        ReplayResult withDnsLb = replay("call-park-without-dns-lb.jsonl", List.of("dnsLoadBalancing.pool2=on"));
        assertThat(withDnsLb.interrupted()).isZero();
        assertThat(withDnsLb.findings()).isEmpty();
    }

    @Test
    void aRollingPatchThatLosesQuorum() throws IOException {
        ReplayResult r = replay("rolling-patch-loses-quorum.jsonl", List.of());

        assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.QUORUM_LOST,
                FindingCode.NO_RUNNING_INSTANCE, FindingCode.FORCED_INTERRUPTION);
        assertThat(r.refusals()).extracting(x -> x.rejection().code().name()).containsExactly("QUORUM_GUARD");
        assertThat(r.lostConnections()).isEqualTo(1);
    }
}
