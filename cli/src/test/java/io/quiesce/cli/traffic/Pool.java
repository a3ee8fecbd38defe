package io.quiesce.cli.traffic;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A pool1 of fe01-fe03 decided by the real rules, moved on by the commands a test gives. */
final class Pool {
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final Catalog CATALOG = Catalog.defaults();
    static final String FRONT_END = "Lync Server Front-End";
    private final Rules rules = new Rules(CATALOG, Authorization.defaults());
    private Deployment state = Deployment.empty();

    static Pool ofThree() {
        Pool p = new Pool();
        p.apply(new Command.CreatePool("pool1", true, act()));
        for (String s : new String[] {"fe01", "fe02", "fe03"}) {
            p.apply(new Command.AddServer("pool1", s, null, act()));
        }
        return p;
    }

    static Act act() {
        return Act.of(Principal.of("alice", "Administrators"), T0);
    }

    Pool apply(Command command) {
        Decision d = rules.decide(state, command);
        assertThat(d).as("%s", command).isInstanceOf(Decision.Accepted.class);
        state = state.evolve(((Decision.Accepted) d).events());
        return this;
    }

    Pool pause(String server, String service) {
        return apply(new Command.Pause(server, service, null, false, act()));
    }

    Pool observe(String server, String service, int sessions) {
        return apply(new Command.Observe(server, service, sessions, act()));
    }

    Deployment state() {
        return state;
    }
}
