package io.quiesce.rules;

import io.quiesce.auth.Authorization;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.catalog.Role;
import io.quiesce.catalog.WindowsService;
import io.quiesce.command.Command.AddServer;
import io.quiesce.command.Command.Connect;
import io.quiesce.command.Command.CreatePool;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.service.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.quiesce.rules.Scenario.T0;
import static io.quiesce.rules.Scenario.act;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The role catalog is data: the same rules run on a role a user describes. */
class CustomRoleTest {

    private static final Role MEDIATION = new Role("mediation", "Mediation Server",
            List.of(new WindowsService("Mediation Helper", "MEDHLP", List.of("Trunk monitor"),
                            List.of(new Feature("trunk-test", false))),
                    new WindowsService("Mediation Server", "RTCMEDSRV", List.of(),
                            List.of(new Feature("pstn", true)))));

    // per test, not static, so that every test covers Catalog.of
    private final Catalog catalog = Catalog.of(List.of(MEDIATION, Scenario.ROLE));

    private final Rules rules = new Rules(catalog, Authorization.defaults());

    private Deployment run(Deployment d, io.quiesce.command.Command c) {
        Decision decision = rules.decide(d, c);
        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        return d.evolve(((Decision.Accepted) decision).events());
    }

    @Test
    void theFirstRoleOfACatalogIsItsDefault() {
        assertThat(catalog.defaultRole()).isEqualTo("mediation");
        assertThat(catalog.roles().keySet()).containsExactly("mediation", "lync2013-frontend");
        assertThat(rules.catalog()).isSameAs(catalog);
        assertThat(rules.authorization()).isEqualTo(Authorization.defaults());
    }

    @Test
    void aCatalogNeedsItsDefaultRole() {
        assertThatThrownBy(() -> new Catalog(java.util.Map.of("mediation", MEDIATION), "edge"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serversOfEachRoleGetTheirOwnServices() {
        Deployment d = run(Deployment.empty(), new CreatePool("p", false, act()));
        Decision added = rules.decide(d, new AddServer("p", "med01", null, act()));
        assertThat(((Decision.Accepted) added).events()).containsExactly(new ServerAdded(T0, "p", "med01",
                "mediation", "Mediation Server", List.of("Mediation Helper", "Mediation Server"), "admin", null));
        d = d.evolve(((Decision.Accepted) added).events());
        d = run(d, new AddServer("p", "fe01", "lync2013-frontend", act()));
        assertThat(d.server("med01").orElseThrow().isUp()).isTrue();
        assertThat(d.server("fe01").orElseThrow().services()).hasSize(9);

        // a feature hosted by one role only goes to a server of that role
        Decision pstn = rules.decide(d, new Connect("p", "pstn", "c1", act()));
        assertThat(((Decision.Accepted) pstn).events())
                .containsExactly(new SessionStarted(T0, "med01", "Mediation Server", "c1", "pstn", "admin"));
        Decision im = rules.decide(d, new Connect("p", "im", "c2", act()));
        assertThat(((Decision.Accepted) im).events())
                .containsExactly(new SessionStarted(T0, "fe01", Scenario.FRONT_END, "c2", "im", "admin"));
    }

    @Test
    void theRulesReadTheUsersRole() {
        Deployment d = run(Deployment.empty(), new CreatePool("p", false, act()));
        d = run(d, new AddServer("p", "med01", null, act()));
        d = run(d, new AddServer("p", "med02", null, act()));
        d = run(d, new AddServer("p", "med03", null, act()));

        // short names, components and the DNS load balancing warning come from the user's role
        Decision component = rules.decide(d, Scenario.pause("med01", "trunk monitor"));
        assertThat(((Decision.Rejected) component).rejection()).isEqualTo(new Rejection(
                RejectionCode.COMPONENT_NOT_PAUSABLE, "trunk monitor is part of the Windows service Mediation"
                + " Helper and cannot be handled on its own: pause Mediation Helper instead."));
        Decision unknown = rules.decide(d, Scenario.pause("med01", "nope"));
        assertThat(((Decision.Rejected) unknown).rejection().message()).endsWith("such as MEDHLP.");
        Decision pause = rules.decide(d, Scenario.pause("med01", "rtcmedsrv"));
        assertThat(pause.warnings()).extracting(Warning::code).containsExactly(WarningCode.DNS_LB_NOT_REROUTED);
        assertThat(pause.warnings().get(0).message()).contains("pstn sessions on Mediation Server of med01");
        d = d.evolve(((Decision.Accepted) pause).events());

        // the paused Mediation Server still takes a PSTN call: the pool has no DNS load balancing
        Decision pstn = rules.decide(d, new Connect("p", "pstn", "c1", act()));
        assertThat(((Decision.Accepted) pstn).events()).containsExactly(
                new Event.ServiceDrainingAgain(T0, "med01", "Mediation Server"),
                new SessionStarted(T0, "med01", "Mediation Server", "c1", "pstn", "admin"));
        d = d.evolve(((Decision.Accepted) pstn).events());
        assertThat(d.server("med01").orElseThrow().service("Mediation Server").status())
                .isEqualTo(ServiceStatus.PAUSING);

        // its core service decides whether the server is up
        Plan plan = rules.plan(d, "med02", T0);
        assertThat(plan.stop().allowedNow()).isTrue();
    }

    @Test
    void aFeatureNoServerOfThePoolHostsIsLost() {
        Deployment d = run(Deployment.empty(), new CreatePool("p", true, act()));
        d = run(d, new AddServer("p", "med01", null, act()));
        Decision im = rules.decide(d, new Connect("p", "im", "c1", act()));
        assertThat(((Decision.Accepted) im).events()).containsExactly(
                (Event) new ConnectionLost(T0, "p", "im", "c1", "admin"));
    }
}
