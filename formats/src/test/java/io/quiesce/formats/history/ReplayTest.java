package io.quiesce.formats.history;

import io.quiesce.catalog.Catalog;
import io.quiesce.history.*;
import io.quiesce.auth.Authorization;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replaying scenarios: the same rules as live, deadlines firing by themselves, time travel and what-if. */
class ReplayTest {
    static final String FE = "Lync Server Front-End";
    final Rules rules = new Rules(Catalog.defaults(), Authorization.defaults());
    final Replay replay = new Replay(rules);

    static Iterable<HistoryLine> lines(String... text) {
        return new HistoryReader(new BufferedReader(new StringReader(String.join("\n", text))), "h.jsonl",
                "Administrators");
    }

    static final String[] POOL = {
            "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"createPool\",\"pool\":\"p\",\"dnsLoadBalancing\":false}",
            "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe01\"}",
            "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"addServer\",\"pool\":\"p\",\"server\":\"fe02\"}",
            "{\"at\":\"2026-11-26T10:01:00Z\",\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\",\"id\":\"s1\"}",
    };

    static String[] with(String... more) {
        return joined(POOL, more);
    }

    static String[] joined(String[] first, String[] more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void aPauseDeadlineFiresOnceALaterLinePassesIt() {
        ReplayResult r = replay.run(lines(with(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"command\":\"pause\",\"server\":\"fe01\",\"service\":\"RTCSRV\","
                        + "\"deadline\":\"PT10M\",\"force\":true}",
                "{\"at\":\"2026-11-26T10:30:00Z\",\"command\":\"connect\",\"pool\":\"p\",\"feature\":\"im\"}")),
                "h.jsonl", null);

        assertThat(r.interrupted()).isEqualTo(1);
        assertThat(r.timeline().interruptions()).singleElement().satisfies(i -> {
            assertThat(i.cause()).isEqualTo(InterruptionCause.DRAIN_DEADLINE);
            assertThat(i.at()).isEqualTo(Instant.parse("2026-11-26T10:12:00Z"));
        });
        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.DRAIN_INCOMPLETE);
        assertThat(r.state().server("fe01").orElseThrow().service(FE).status()).isEqualTo(ServiceStatus.DRAINED);
    }

    @Test
    void atShowsTheStateAtThatInstant() {
        ReplayResult r = replay.run(lines(with(
                "{\"at\":\"2026-11-26T10:05:00Z\",\"command\":\"pause\",\"server\":\"fe01\"}")),
                "h.jsonl", Instant.parse("2026-11-26T10:04:00Z"));

        assertThat(r.state().server("fe01").orElseThrow().status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(r.lines()).isEqualTo(5);
    }

    @Test
    void refusedCommandsAreListedAndChangeNothing() {
        ReplayResult r = replay.run(lines(with(
                "{\"at\":\"2026-11-26T10:05:00Z\",\"command\":\"stop\",\"server\":\"fe01\",\"as\":\"eve\",\"groups\":[]}")),
                "h.jsonl", null);

        assertThat(r.refusals()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(5);
            assertThat(x.rejection().code().name()).isEqualTo("NOT_AUTHORIZED");
        });
        assertThat(r.state().server("fe01").orElseThrow().status()).isEqualTo(ServiceStatus.RUNNING);
    }

    @Test
    void timeGoingBackwardsIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> replay.run(lines(with(
                "{\"at\":\"2026-11-26T09:00:00Z\",\"command\":\"end\",\"session\":\"s1\"}")), "h.jsonl", null))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("h.jsonl:5: time goes backwards");
    }

    @Test
    void aCommandLineNamingAServerThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> replay.run(lines(with(
                "{\"at\":\"2026-11-26T10:05:00Z\",\"command\":\"pause\",\"server\":\"fe09\"}")), "h.jsonl", null))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("h.jsonl:5: no server named fe09");
    }

    @Test
    void endingASessionThatIsNotThereIsARefusalNotAnError() {
        ReplayResult r = replay.run(lines(with(
                "{\"at\":\"2026-11-26T10:05:00Z\",\"command\":\"end\",\"session\":\"never\"}")), "h.jsonl", null);

        assertThat(r.refusals()).extracting(x -> x.rejection().code().name()).containsExactly("UNKNOWN_SESSION");
    }

    @Test
    void anEventLineThatDoesNotFitTheStateIsAnError() {
        assertThatThrownBy(() -> replay.run(lines(
                "{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"ServiceDrained\",\"server\":\"fe09\",\"service\":\"x\"}"),
                "h.jsonl", null))
                .isInstanceOf(HistoryException.class).hasMessage("h.jsonl:1: unknown server fe09");
    }

    static final String[] EVENTS = {
            "{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"PoolCreated\",\"pool\":\"p\",\"dnsLoadBalancing\":true}",
            "{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"ServerAdded\",\"pool\":\"p\",\"server\":\"fe01\","
                    + "\"role\":\"lync2013-frontend\",\"coreService\":\"" + FE + "\",\"services\":[\"" + FE
                    + "\",\"Lync Server Call Park\"]}",
            "{\"at\":\"2026-11-26T10:01:00Z\",\"type\":\"SessionStarted\",\"server\":\"fe01\",\"service\":\"" + FE
                    + "\",\"session\":\"s1\",\"feature\":\"im\"}",
    };

    static String[] events(String... more) {
        return joined(EVENTS, more);
    }

    @Test
    void givenRecordedEventsOnlyWhenASessionEndsOnItsServerNamedInAnotherCaseThenItEnds() {
        ReplayResult r = replay.run(lines(events(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"type\":\"SessionEnded\",\"server\":\"FE01\",\"service\":\"" + FE
                        + "\",\"session\":\"s1\"}")), "h.jsonl", null);

        assertThat(r.state().server("fe01").orElseThrow().service(FE).sessions()).isEmpty();
    }

    @Test
    void givenRecordedEventsOnlyWhenASessionEndsOnAnotherServiceThanItsOwnThenTheLineIsAnError() {
        assertThatThrownBy(() -> replay.run(lines(events(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"type\":\"SessionEnded\",\"server\":\"fe01\","
                        + "\"service\":\"Lync Server Call Park\",\"session\":\"s1\"}")), "h.jsonl", null))
                .isInstanceOf(HistoryException.class)
                .hasMessage("h.jsonl:4: no active session s1 on Lync Server Call Park of fe01");
    }

    @Test
    void givenRecordedEventsOnlyWhenASessionIsInterruptedAfterItEndedThenTheLineIsAnError() {
        assertThatThrownBy(() -> replay.run(lines(events(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"type\":\"SessionEnded\",\"server\":\"fe01\",\"service\":\"" + FE
                        + "\",\"session\":\"s1\"}",
                "{\"at\":\"2026-11-26T10:03:00Z\",\"type\":\"SessionInterrupted\",\"server\":\"fe01\",\"service\":\""
                        + FE + "\",\"session\":\"s1\",\"feature\":\"im\",\"cause\":\"restart\"}")), "h.jsonl", null))
                .isInstanceOf(HistoryException.class)
                .hasMessage("h.jsonl:5: no active session s1 on " + FE + " of fe01");
    }

    @Test
    void eventsRecordedLiveReplayToTheSameState() {
        ReplayResult decided = replay.run(lines(with(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"command\":\"pause\",\"server\":\"fe01\"}",
                "{\"at\":\"2026-11-26T10:03:00Z\",\"command\":\"restart\",\"server\":\"fe01\",\"force\":true}")),
                "h.jsonl", null);
        List<String> exported = exportOf(decided.state(), with(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"command\":\"pause\",\"server\":\"fe01\"}",
                "{\"at\":\"2026-11-26T10:03:00Z\",\"command\":\"restart\",\"server\":\"fe01\",\"force\":true}"));

        ReplayResult folded = replay.run(lines(exported.toArray(String[]::new)), "export.jsonl", null);

        assertThat(folded.state()).isEqualTo(decided.state());
        assertThat(folded.findings()).isEqualTo(decided.findings());
        assertThat(folded.interrupted()).isEqualTo(1);
    }

    @Test
    void whatIfManualStartupWouldHaveKeptThePausedServerOut() {
        String[] history = with(
                "{\"at\":\"2026-11-26T10:02:00Z\",\"command\":\"end\",\"session\":\"s1\"}",
                "{\"at\":\"2026-11-26T10:03:00Z\",\"command\":\"pause\",\"server\":\"fe01\"}",
                "{\"at\":\"2026-11-26T10:04:00Z\",\"command\":\"restart\",\"server\":\"fe01\",\"force\":true}");

        ReplayResult base = replay.run(lines(history), "h.jsonl", null);
        ReplayResult manual = replay.whatIf(lines(history), "h.jsonl", null,
                WhatIf.parse(List.of("startup.fe01=manual")));

        assertThat(base.findings()).extracting(Finding::code).contains(FindingCode.PAUSE_CLEARED_BY_RESTART);
        assertThat(manual.findings()).extracting(Finding::code).doesNotContain(FindingCode.PAUSE_CLEARED_BY_RESTART);
        assertThat(manual.state().server("fe01").orElseThrow().status()).isEqualTo(ServiceStatus.OFFLINE);
    }

    @Test
    void whatIfSettingsAreChecked() {
        assertThatThrownBy(() -> WhatIf.parse(List.of("colour.fe01=blue"))).hasMessageContaining("the key must be");
        assertThatThrownBy(() -> WhatIf.parse(List.of("startup.fe01=sometimes"))).hasMessageContaining("automatic");
        assertThatThrownBy(() -> WhatIf.parse(List.of("dnsLoadBalancing.p=maybe"))).hasMessageContaining("on or off");
        assertThat(WhatIf.parse(List.of("dnsLoadBalancing.p=on")).dnsLoadBalancing()).containsEntry("p", true);
    }

    /** Decides the scenario step by step, as the live system would, and writes every event as a line. */
    private List<String> exportOf(Deployment expected, String[] scenario) {
        List<String> out = new java.util.ArrayList<>();
        Deployment d = Deployment.empty();
        for (HistoryLine line : lines(scenario)) {
            var decision = rules.decide(d, ((HistoryLine.CommandLine) line).command());
            if (decision instanceof io.quiesce.rules.Decision.Accepted a) {
                a.events().forEach(e -> out.add(EventCodec.line(e)));
                d = d.evolve(a.events());
            }
        }
        assertThat(d).isEqualTo(expected);
        return out;
    }
}
