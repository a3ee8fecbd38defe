package io.quiesce.formats.history;

import io.quiesce.catalog.Catalog;
import io.quiesce.history.*;
import io.quiesce.auth.Authorization;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rules.Rules;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each finding of docs/behaviour.md, given a scenario that shows it; and the JSON and HTML a replay gives. */
class FindingsTest {
    final Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());

    static String cmd(String at, String body) {
        return "{\"at\":\"2026-11-26T" + at + "Z\"," + body + "}";
    }

    ReplayResult run(String... lines) {
        return new Replay(rules).run(new HistoryReader(new BufferedReader(new StringReader(String.join("\n", lines))),
                "f.jsonl", "Administrators"), "f.jsonl", null);
    }

    static final String[] TWO_SERVERS = {
            cmd("10:00:00", "\"command\":\"createPool\",\"pool\":\"p\",\"dnsLoadBalancing\":false"),
            cmd("10:00:00", "\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe01\""),
            cmd("10:00:00", "\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe02\""),
    };

    static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(TWO_SERVERS, TWO_SERVERS.length + more.length);
        System.arraycopy(more, 0, all, TWO_SERVERS.length, more.length);
        return all;
    }

    @Test
    void forcedStopOfACallParkedOnAPausedServiceInAPoolWithoutDnsLoadBalancing() {
        // The call lands on fe01's paused Call Park (a tie, fe01 first): without DNS load balancing nothing re-routes it.
        ReplayResult r = run(with(
                cmd("10:01:00", "\"command\":\"pause\",\"server\":\"fe01\",\"service\":\"RTCCPS\""),
                cmd("10:02:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"call-park\",\"id\":\"c1\""),
                cmd("10:03:00", "\"command\":\"stop\",\"server\":\"fe01\",\"service\":\"RTCCPS\",\"force\":true")));

        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.DRAIN_INCOMPLETE,
                FindingCode.INTERRUPTED_WITHOUT_DNS_LB, FindingCode.FORCED_INTERRUPTION);
        Finding dns = r.findings().get(1);
        assertThat(dns.at()).isEqualTo(Instant.parse("2026-11-26T10:03:00Z"));
        assertThat(List.of(dns.pool(), dns.server(), dns.service())).containsExactly("p", "fe01",
                "Lync Server Call Park");
        assertThat(dns.detail()).startsWith("1 session(s) of features that need DNS load balancing");
        assertThat(r.findings().get(0).detail()).contains("still draining with 1 session(s) when it was stopped");
        assertThat(r.timeline().interruptions()).singleElement().satisfies(i -> {
            assertThat(i.pool()).isEqualTo("p");
            assertThat(i.feature()).isEqualTo("call-park");
        });
    }

    @Test
    void aPoolLeftWithoutARunningInstanceAndBelowQuorum() {
        ReplayResult r = run(with(
                cmd("10:01:00", "\"command\":\"stop\",\"server\":\"fe01\",\"service\":\"RTCSRV\",\"force\":true"),
                cmd("10:02:00", "\"command\":\"stop\",\"server\":\"fe02\",\"service\":\"RTCSRV\",\"force\":true"),
                cmd("10:03:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\",\"id\":\"lost-1\"")));

        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.QUORUM_LOST,
                FindingCode.NO_RUNNING_INSTANCE);
        assertThat(r.findings().get(0).detail()).isEqualTo("only 1 of 2 servers of p were up, below its quorum of 2.");
        assertThat(r.findings().get(1).service()).isEqualTo("Lync Server Front-End");
        assertThat(r.findings().get(1).server()).isNull();
        assertThat(r.lostConnections()).isEqualTo(1);
        assertThat(r.timeline().lostConnections()).singleElement()
                .satisfies(l -> assertThat(l.session()).isEqualTo("lost-1"));
    }

    @Test
    void aDeadlineCutOffIsADrainLeftIncompleteButNotAForcedInterruption() {
        ReplayResult r = run(with(
                cmd("10:01:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\",\"id\":\"s1\""),
                cmd("10:02:00", "\"command\":\"pause\",\"server\":\"fe01\",\"service\":\"RTCSRV\",\"deadline\":\"PT1M\""),
                cmd("10:05:00", "\"command\":\"end\",\"session\":\"s1\"")));

        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.DRAIN_INCOMPLETE);
        assertThat(r.findings().get(0).detail()).endsWith("when it was cut off by its pause deadline.");
        assertThat(r.refusals()).extracting(Refusal::command).containsExactly("end");
    }

    @Test
    void theTimelineHasALanePerServiceWithIntervalsAndTheActsOfAdministrators() {
        ReplayResult r = run(with(
                cmd("10:01:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\",\"id\":\"s1\""),
                cmd("10:02:00", "\"command\":\"pause\",\"server\":\"fe01\",\"service\":\"RTCSRV\",\"as\":\"alice\","
                        + "\"groups\":[\"Administrators\"],\"reason\":\"patch\""),
                cmd("10:03:00", "\"command\":\"end\",\"session\":\"s1\"")));

        Timeline.Lane fe = r.timeline().lanes().stream()
                .filter(l -> l.server().equals("fe01") && l.service().equals("Lync Server Front-End")).findFirst()
                .orElseThrow();
        assertThat(fe.intervals()).extracting(Timeline.Interval::status)
                .containsExactly(ServiceStatus.RUNNING, ServiceStatus.PAUSING, ServiceStatus.DRAINED);
        assertThat(fe.intervals().get(0).to()).isEqualTo(Instant.parse("2026-11-26T10:02:00Z"));
        assertThat(fe.intervals().get(2).to()).isNull();
        assertThat(fe.samples()).extracting(Timeline.Sample::sessions).containsExactly(0, 1, 0);
        assertThat(r.timeline().lanes()).hasSize(18);
        assertThat(r.timeline().acts()).filteredOn(a -> a.what().equals("ServicePaused")).singleElement()
                .satisfies(a -> {
                    assertThat(a.by()).isEqualTo("alice");
                    assertThat(a.reason()).isEqualTo("patch");
                    assertThat(a.service()).isEqualTo("Lync Server Front-End");
                });
        assertThat(r.timeline().first()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(r.timeline().last()).isEqualTo(Instant.parse("2026-11-26T10:03:00Z"));
    }

    @Test
    void replayJsonHasTheShapeOfTheSpec() {
        ReplayResult r = run(with(
                cmd("10:01:00", "\"command\":\"stop\",\"server\":\"fe01\",\"service\":\"RTCSRV\",\"force\":true"),
                cmd("10:02:00", "\"command\":\"resume\",\"server\":\"fe01\",\"service\":\"RTCSRV\"")));
        ReplayResult w = new Replay(rules).whatIf(new HistoryReader(new BufferedReader(new StringReader(
                String.join("\n", TWO_SERVERS))), "f", "Administrators"), "f", null,
                WhatIf.parse(List.of("startup.fe01=manual", "dnsLoadBalancing.p=on")));

        Map<String, Object> json = ReplayJson.of(r, w, Replay.describe(WhatIf.parse(List.of("startup.fe01=manual",
                "dnsLoadBalancing.p=on"))), rules.catalog());

        assertThat(json).containsOnlyKeys("findings", "interrupted", "lostConnections", "refused", "final", "whatIf");
        String text = JsonText.write(json);
        assertThat(text).contains("\"code\":\"QUORUM_LOST\"", "\"interrupted\":0", "\"lostConnections\":0",
                "\"refused\":[{\"line\":5,\"at\":\"2026-11-26T10:02:00Z\",\"command\":\"resume\",\"code\":\"SERVICE_OFFLINE\"",
                "\"settings\":[\"startup.fe01=manual\",\"dnsLoadBalancing.p=on\"]", "\"dnsLoadBalancing\":true",
                "\"startup\":\"MANUAL\"");
    }

    @Test
    void theHtmlReportIsSelfContainedAndEscapesWhatItQuotes() {
        ReplayResult r = run(with(
                cmd("10:01:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\",\"id\":\"s<1>\""),
                cmd("10:02:00", "\"command\":\"stop\",\"server\":\"fe01\",\"force\":true,\"reason\":\"a & b\"")));

        String html = HtmlReport.render(r, "night of <the> patch");

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "night of &lt;the&gt; patch", "s&lt;1&gt;",
                "(a &amp; b)", "FORCED_INTERRUPTION", "#4caf50", "#9e9e9e", "forced stop");
        // Nothing is fetched: no script, link, image or external reference (the SVG namespace is only a name).
        assertThat(html).doesNotContain("src=", "href=", "<link", "<script", "url(", "@import");
        assertThat(HtmlReport.render(run(), "empty")).contains("0 lines replayed").doesNotContain("<svg")
                .contains("<p>None.</p>");
    }
}
