package io.quiesce.formats.history;

import io.quiesce.history.*;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.service.InterruptionCause;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** History lines: events and commands written and read back unchanged; bad lines named by file and line. */
class HistoryCodecTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";
    static final Act ACT = new Act(Principal.of("alice", "Administrators"), T, "patch");

    static List<Event> oneOfEach() {
        return List.of(
                new Event.PoolCreated(T, "pool1", false, "alice", "new pool"),
                new Event.DnsLoadBalancingChanged(T, "pool1", true, "alice", null),
                new Event.ServerAdded(T, "pool1", "fe01", "lync2013-frontend", FE, List.of(FE), "alice", null),
                new Event.ConnectionLost(T, "pool1", "call-park", "s9", "bob"),
                new Event.ServerRestarted(T, "fe01", true, "alice", "patch"),
                new Event.ServicePaused(T, "fe01", FE, T.plusSeconds(60), "alice", "patch"),
                new Event.ServiceDrained(T, "fe01", FE),
                new Event.ServiceResumed(T, "fe01", FE, "alice", null),
                new Event.ServiceStarted(T, "fe01", FE, "alice", null),
                new Event.ServiceStopped(T, "fe01", FE, true, "alice", null),
                new Event.StartupTypeChanged(T, "fe01", FE, StartupType.AUTOMATIC, StartupType.MANUAL, "alice", null),
                new Event.SessionStarted(T, "fe01", FE, "s1", "im", "bob"),
                new Event.SessionEnded(T, "fe01", FE, "s1", "bob"),
                new Event.SessionInterrupted(T, "fe01", FE, "s2", "im", InterruptionCause.FORCED_STOP),
                new Event.ServiceRestarted(T, "fe01", FE, ServiceStatus.DRAINED, ServiceStatus.RUNNING, true),
                new Event.DrainDeadlinePassed(T, "fe01", FE),
                new Event.PauseDeadlineChanged(T, "fe01", FE, T.plusSeconds(300), "alice", "later"),
                new Event.PauseDeadlineChanged(T, "fe01", FE, null, "alice", null),
                new Event.ServiceDrainingAgain(T, "fe01", FE));
    }

    @Test
    void everyEventIsWrittenAsALineAndReadBackEqual() {
        for (Event e : oneOfEach()) {
            String text = EventCodec.line(e);
            HistoryLine line = HistoryReader.parse(text, 1, "h.jsonl", "Administrators");
            assertThat(line).isEqualTo(new HistoryLine.EventLine(1, e));
        }
    }

    @Test
    void anEventLineStartsWithTimeAndTypeThenItsFields() {
        String text = EventCodec.line(new Event.ServicePaused(T, "fe01", FE, null, "alice", null));

        assertThat(text).isEqualTo("{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"ServicePaused\",\"server\":\"fe01\","
                + "\"service\":\"Lync Server Front-End\",\"by\":\"alice\"}");
    }

    @Test
    void everyCommandIsWrittenAsALineAndReadBackEqual() {
        List<Command> commands = List.of(
                new Command.CreatePool("pool1", false, ACT),
                new Command.SetDnsLoadBalancing("pool1", true, ACT),
                new Command.AddServer("pool1", "fe01", "lync2013-frontend", ACT),
                new Command.Pause("fe01", "RTCSRV", Duration.ofMinutes(30), true, ACT),
                new Command.Pause("fe01", null, null, true, false, ACT),
                new Command.Resume("fe01", null, ACT),
                new Command.Start("fe01", "RTCSRV", ACT),
                new Command.Stop("fe01", null, true, ACT),
                new Command.SetStartup("fe01", null, StartupType.MANUAL, ACT),
                new Command.Restart("fe01", false, ACT),
                new Command.Connect("pool1", "call-park", "s1", ACT),
                new Command.End("s1", ACT));
        for (Command c : commands) {
            String text = CommandCodec.line(c);
            assertThat(HistoryReader.parse(text, 4, "h.jsonl", "Administrators"))
                    .isEqualTo(new HistoryLine.CommandLine(4, c));
        }
    }

    @Test
    void aCommandLineWithoutPrincipalIsAnAdministratorNamedReplay() {
        HistoryLine line = HistoryReader.parse("{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"connect\","
                + "\"pool\":\"pool1\",\"feature\":\"im\"}", 7, "h.jsonl", "Ops");

        Command.Connect c = (Command.Connect) ((HistoryLine.CommandLine) line).command();
        assertThat(c.act().by()).isEqualTo(new Principal("replay", Set.of("Ops")));
        assertThat(c.session()).isEqualTo("line-7");
    }

    @Test
    void aCommandLineWithAsButNoGroupsIsThatUserInNoGroup() {
        HistoryLine line = HistoryReader.parse("{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"pause\","
                + "\"server\":\"s1\",\"as\":\"bob\"}", 3, "h.jsonl", "Administrators");

        Command.Pause c = (Command.Pause) ((HistoryLine.CommandLine) line).command();
        assertThat(c.act().by()).isEqualTo(new Principal("bob", Set.of()));
    }

    @Test
    void aPauseLineSetsADeadlineOrClearsItNotBoth() {
        assertThatThrownBy(() -> HistoryReader.parse("{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"pause\","
                + "\"server\":\"s1\",\"deadline\":\"PT5M\",\"noDeadline\":true}", 2, "h.jsonl", "Administrators"))
                .isInstanceOf(HistoryException.class).hasMessageContaining("not both");
    }

    @Test
    void aMalformedLineIsReportedWithFileAndLine() {
        Map<String, String> cases = Map.of(
                "not json", "h.jsonl:3: not valid JSON",
                "[1]", "h.jsonl:3: a line must be a JSON object",
                "{\"at\":\"2026-11-26T10:00:00Z\"}", "h.jsonl:3: a line needs a \"type\"",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"ServiceExploded\"}", "unknown event type \"ServiceExploded\"",
                "{\"at\":\"yesterday\",\"command\":\"end\",\"session\":\"s\"}", "\"at\" is not an ISO-8601 instant",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"explode\"}", "unknown command \"explode\"",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"end\",\"session\":\"s\",\"sesion\":1}",
                "end has unknown field \"sesion\" (allowed: command, at, as, groups, reason, session)",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"command\":\"pause\",\"server\":\"fe01\",\"deadline\":\"soon\"}",
                "\"deadline\" is not an ISO-8601 duration",
                "{\"at\":\"2026-11-26T10:00:00Z\",\"type\":\"ServiceDrained\",\"server\":\"fe01\"}",
                "ServiceDrained has no \"service\"");
        cases.forEach((text, message) -> assertThatThrownBy(() -> HistoryReader.parse(text, 3, "h.jsonl", "A"))
                .as(text).isInstanceOf(HistoryException.class).hasMessageStartingWith("h.jsonl:3: ")
                .hasMessageContaining(message));
    }
}
