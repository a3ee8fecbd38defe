package io.quiesce.formats.history;

import io.quiesce.catalog.Catalog;
import io.quiesce.history.*;
import io.quiesce.auth.Authorization;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What-if turns recorded events back into the commands that caused them and decides them again. */
class WhatIfTest {
    final Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());

    static String cmd(String at, String body) {
        return "{\"at\":\"2026-11-26T" + at + "Z\"," + body + ",\"as\":\"alice\",\"groups\":[\"Administrators\"]}";
    }

    /** A night with every kind of administrative act and session traffic. */
    static final String[] NIGHT = {
            cmd("10:00:00", "\"command\":\"createPool\",\"pool\":\"p\",\"dnsLoadBalancing\":true"),
            cmd("10:00:00", "\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe01\""),
            cmd("10:00:00", "\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe02\""),
            cmd("10:00:00", "\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe03\""),
            cmd("10:00:30", "\"command\":\"setDnsLoadBalancing\",\"pool\":\"p\",\"on\":false"),
            cmd("10:01:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"call-park\",\"id\":\"c1\""),
            cmd("10:02:00", "\"command\":\"pause\",\"server\":\"fe01\",\"deadline\":\"PT5M\",\"reason\":\"patch\""),
            cmd("10:02:10", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\",\"id\":\"i1\""),
            cmd("10:02:30", "\"command\":\"startup\",\"server\":\"fe01\",\"type\":\"manual\""),
            cmd("10:03:00", "\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"call-park\",\"id\":\"c2\""),
            cmd("10:09:00", "\"command\":\"restart\",\"server\":\"fe01\",\"force\":true"),
            cmd("10:10:00", "\"command\":\"start\",\"server\":\"fe01\",\"service\":\"RTCSRV\""),
            cmd("10:11:00", "\"command\":\"pause\",\"server\":\"fe02\",\"service\":\"RTCSRV\""),
            cmd("10:12:00", "\"command\":\"resume\",\"server\":\"fe02\",\"service\":\"RTCSRV\""),
            cmd("10:13:00", "\"command\":\"stop\",\"server\":\"fe03\",\"service\":\"RTCCPS\",\"force\":true"),
            cmd("10:14:00", "\"command\":\"end\",\"session\":\"i1\""),
    };

    static Iterable<HistoryLine> lines(List<String> text) {
        return new HistoryReader(new BufferedReader(new StringReader(String.join("\n", text))), "w.jsonl",
                "Administrators");
    }

    /** The night decided as live (deadlines firing as the clock passes them), every event written as a line. */
    List<String> exported() {
        List<String> out = new ArrayList<>();
        Deployment d = Deployment.empty();
        ReplayResult decided = new Replay(rules).run(lines(List.of(NIGHT)), "night", null);
        for (HistoryLine line : lines(List.of(NIGHT))) {
            for (var due : d.pendingDeadlines()) {
                if (!due.deadline().isAfter(line.at())) {
                    Decision fired = rules.decide(d, new Command.DeadlinePassed(due.server(), due.name(), due.deadline()));
                    for (var e : ((Decision.Accepted) fired).events()) {
                        out.add(EventCodec.line(e));
                        d = d.evolve(e);
                    }
                }
            }
            Decision decision = rules.decide(d, ((HistoryLine.CommandLine) line).command());
            if (decision instanceof Decision.Accepted a) {
                a.events().forEach(e -> out.add(EventCodec.line(e)));
                d = d.evolve(a.events());
            }
        }
        assertThat(decided.refusals()).isEmpty();
        return out;
    }

    @Test
    void aSettingThatChangesNothingDecidesTheSameNightAgain() {
        List<String> events = exported();
        ReplayResult asRecorded = new Replay(rules).run(lines(events), "w.jsonl", null);

        ReplayResult again = new Replay(rules).whatIf(lines(events), "w.jsonl", null,
                WhatIf.parse(List.of("dnsLoadBalancing.elsewhere=on", "startup.fe09=manual")));

        assertThat(again.state()).isEqualTo(asRecorded.state());
        assertThat(again.interrupted()).isEqualTo(asRecorded.interrupted());
        assertThat(again.findings()).extracting(Finding::code)
                .containsExactlyElementsOf(asRecorded.findings().stream().map(Finding::code).toList());
        assertThat(again.refusals()).isEmpty();
    }

    @Test
    void aCallParkedBeforeThePauseIsCutWithOrWithoutDnsLoadBalancingAndNotBlamedOnIt() {
        List<String> events = exported();
        ReplayResult asRecorded = new Replay(rules).run(lines(events), "w.jsonl", null);

        ReplayResult withDnsLb = new Replay(rules).whatIf(lines(events), "w.jsonl", null,
                WhatIf.parse(List.of("dnsLoadBalancing.p=on")));

        assertThat(withDnsLb.interrupted()).isEqualTo(asRecorded.interrupted());
        assertThat(asRecorded.findings()).extracting(Finding::code).doesNotContain(FindingCode.INTERRUPTED_WITHOUT_DNS_LB);
        assertThat(withDnsLb.findings()).extracting(Finding::code).doesNotContain(FindingCode.INTERRUPTED_WITHOUT_DNS_LB);
        assertThat(withDnsLb.state().pool("p").orElseThrow().dnsLoadBalancing()).isTrue();
    }

    @Test
    void aPinnedStartupTypeHoldsAgainstLaterChangesAndForOneServiceByShortName() {
        ReplayResult pinned = new Replay(rules).whatIf(lines(List.of(NIGHT)), "night", null,
                WhatIf.parse(List.of("startup.fe01=automatic", "startup.fe02.RTCCPS=disabled")));

        var fe01 = pinned.state().server("fe01").orElseThrow();
        assertThat(fe01.services().values()).allSatisfy(s -> assertThat(s.startup()).isEqualTo(StartupType.AUTOMATIC));
        // Automatic startup: the restart brought fe01 back; the pause was cleared.
        assertThat(fe01.status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(pinned.findings()).extracting(Finding::code).contains(FindingCode.PAUSE_CLEARED_BY_RESTART);
        assertThat(pinned.state().server("fe02").orElseThrow().service("Lync Server Call Park").startup())
                .isEqualTo(StartupType.DISABLED);
    }
}
