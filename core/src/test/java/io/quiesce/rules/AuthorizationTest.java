package io.quiesce.rules;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.Connect;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.command.Command.End;
import io.quiesce.command.Command.Pause;
import io.quiesce.command.Command.Restart;
import io.quiesce.command.Command.Resume;
import io.quiesce.command.Command.SetDnsLoadBalancing;
import io.quiesce.command.Command.SetStartup;
import io.quiesce.command.Command.Start;
import io.quiesce.command.Command.Stop;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.quiesce.rules.Scenario.FE01;
import static io.quiesce.rules.Scenario.FRONT_END;
import static io.quiesce.rules.Scenario.IM_CONF;
import static io.quiesce.rules.Scenario.MALLORY;
import static io.quiesce.rules.Scenario.POOL;
import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.poolCreated;
import static io.quiesce.rules.Scenario.scenario;
import static io.quiesce.rules.Scenario.serverAdded;
import static io.quiesce.rules.Scenario.sessionStarted;
import static io.quiesce.rules.Scenario.threeServers;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 16: changing anything needs membership of the administrators group; reading is open. */
class AuthorizationTest {

    private static final Act BY_MALLORY = Act.of(MALLORY, T0);

    static List<Command> everyChange() {
        return List.of(
                new CreatePool("pool2", true, BY_MALLORY),
                new SetDnsLoadBalancing(POOL, false, BY_MALLORY),
                new AddServer(POOL, "fe09", null, BY_MALLORY),
                new Pause(FE01, null, null, false, BY_MALLORY),
                new Pause(FE01, IM_CONF, null, true, BY_MALLORY),
                new Resume(FE01, FRONT_END, BY_MALLORY),
                new Start(FE01, null, BY_MALLORY),
                new Stop(FE01, IM_CONF, true, BY_MALLORY),
                new SetStartup(FE01, null, StartupType.DISABLED, BY_MALLORY),
                new Restart(FE01, true, BY_MALLORY),
                new Connect(POOL, "im", "s9", BY_MALLORY),
                new End("s1", BY_MALLORY));
    }

    @ParameterizedTest
    @MethodSource("everyChange")
    void aPrincipalOutsideTheAdminGroupChangesNothing(Command command) {
        Scenario s = threeServers()
                .given(sessionStarted(FE01, FRONT_END, "s1", "im"))
                .when(command)
                .thenRejected(RejectionCode.NOT_AUTHORIZED);
        assertThat(s.decision().warnings()).isEmpty();
        assertThat(s.rejection().message())
                .isEqualTo("mallory is not a member of Administrators: ask an administrator to do this.");
    }

    @Test
    void anUnauthorizedCommandYieldsNoEventEvenWhenItWouldBeRefusedAnyway() {
        threeServers()
                .when(new Pause("fe99", FRONT_END, null, false, BY_MALLORY))
                .thenRejected(RejectionCode.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Administrators", "administrators", "ADMINISTRATORS", "aDmInIsTrAtOrS"})
    void theAdminGroupIsComparedIgnoringCase(String group) {
        threeServers()
                .when(new Pause(FE01, IM_CONF, null, false, Act.of(Principal.of("bob", "Users", group), T0)))
                .thenEvents(new ServicePaused(T0, FE01, IM_CONF, null, "bob", null),
                        new ServiceDrained(T0, FE01, IM_CONF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Administrator", "Users", "Administrators2", " Administrators"})
    void aSimilarGroupIsNotTheAdminGroup(String group) {
        threeServers()
                .when(new Pause(FE01, IM_CONF, null, false, Act.of(Principal.of("eve", group), T0)))
                .thenRejected(RejectionCode.NOT_AUTHORIZED);
    }

    @Test
    void aCustomAdminGroupIsHonoured() {
        Authorization lyncAdmins = new Authorization("LyncAdmins");
        Scenario s = scenario(lyncAdmins).given(poolCreated(true), serverAdded(FE01), serverAdded("fe02"));
        s.when(new Pause(FE01, IM_CONF, null, false, Act.of(Principal.of("carol", "lyncadmins"), T0)))
                .thenEvents(new ServicePaused(T0, FE01, IM_CONF, null, "carol", null),
                        new ServiceDrained(T0, FE01, IM_CONF));
        s.when(new Pause("fe02", IM_CONF, null, false, Act.of(Scenario.ADMIN, T0)))
                .thenRejected(RejectionCode.NOT_AUTHORIZED,
                        "admin is not a member of LyncAdmins");
        assertThat(s.rules().authorization()).isEqualTo(lyncAdmins);
    }

    @Test
    void theDefaultAdminGroupIsAdministrators() {
        assertThat(Authorization.defaults().adminGroup()).isEqualTo("Administrators");
        assertThat(Authorization.DEFAULT_ADMIN_GROUP).isEqualTo("Administrators");
        assertThat(Authorization.defaults().mayChange(Principal.of("x", "administrators"))).isTrue();
        assertThat(Authorization.defaults().mayChange(Principal.of("x"))).isFalse();
    }

    @Test
    void aPrincipalWithoutGroupsIsAMemberOfNothing() {
        assertThat(MALLORY.groups()).isEmpty();
        assertThat(MALLORY.isMemberOf("Administrators")).isFalse();
    }

    @Test
    void readingIsOpen() {
        // plan needs no principal, and neither does the clock's deadline check
        Scenario s = threeServers();
        assertThat(s.plan(FE01).server()).isEqualTo(FE01);
        s.when(new Command.DeadlinePassed(FE01, FRONT_END, T0)).thenNoEvents();
    }
}
