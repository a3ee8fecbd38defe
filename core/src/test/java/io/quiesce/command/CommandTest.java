package io.quiesce.command;

import io.quiesce.auth.Principal;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A command moved to another time is the same command in every other respect. */
class CommandTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    static final Instant LATER = T.plusMillis(3);
    static final Act ACT = new Act(Principal.of("alice", "Administrators"), T, "patch");

    static List<Command> oneOfEach() {
        return List.of(
                new Command.CreatePool("pool1", true, ACT),
                new Command.SetDnsLoadBalancing("pool1", false, ACT),
                new Command.AddServer("pool1", "fe01", "lync2013-frontend", ACT),
                new Command.Pause("fe01", "RTCCPS", Duration.ofMinutes(5), true, ACT),
                new Command.Resume("fe01", "RTCCPS", ACT),
                new Command.Start("fe01", null, ACT),
                new Command.Stop("fe01", "RTCCPS", true, ACT),
                new Command.SetStartup("fe01", null, StartupType.MANUAL, ACT),
                new Command.Restart("fe01", true, ACT),
                new Command.Connect("pool1", "im", "s1", ACT),
                new Command.End("s1", ACT),
                new Command.Observe("fe01", "RTCSRV", 3, ACT),
                new Command.DeadlinePassed("fe01", "RTCCPS", T));
    }

    @Test
    void everyKindOfCommandIsCovered() {
        List<Class<?>> kinds = new ArrayList<>();
        collectRecords(Command.class, kinds);
        assertThat(oneOfEach()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void givenAnyCommand_whenMovedToAnotherTime_thenOnlyItsTimeChanges() {
        for (Command command : oneOfEach()) {
            Command moved = command.withAt(LATER);

            assertThat(moved.at()).as(command.toString()).isEqualTo(LATER);
            assertThat(moved.getClass()).isEqualTo(command.getClass());
            assertThat(moved.withAt(T)).isEqualTo(command);
            if (command instanceof Command.Authorized a) {
                assertThat(((Command.Authorized) moved).act()).isEqualTo(new Act(a.act().by(), LATER, "patch"));
            }
        }
    }

    private static void collectRecords(Class<?> type, List<Class<?>> into) {
        if (type.isRecord()) {
            into.add(type);
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> sub : permitted) {
                collectRecords(sub, into);
            }
        }
    }
}
