package io.quiesce.history;

import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.rules.Rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A hand-written history of command lines, a minute apart, to replay as it is or under a what-if. */
final class History {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Rules RULES = new Rules(Catalog.defaults(), Authorization.defaults());
    static final Principal ADMIN = Principal.of("admin", "Administrators");

    private final List<HistoryLine> lines = new ArrayList<>();

    /** Pool {@code p} (with or without DNS load balancing) and these servers. */
    static History pool(boolean dnsLoadBalancing, String... servers) {
        History h = new History();
        h.then(new Command.CreatePool("p", dnsLoadBalancing, h.act()));
        for (String server : servers) {
            h.then(new Command.AddServer("p", server, null, h.act()));
        }
        return h;
    }

    Act act() {
        return Act.of(ADMIN, T0.plus(Duration.ofMinutes(lines.size())));
    }

    History then(Command command) {
        lines.add(new HistoryLine.CommandLine(lines.size() + 1, command));
        return this;
    }

    History connect(String feature, String session) {
        return then(new Command.Connect("p", feature, session, act()));
    }

    History pause(String server, String service) {
        return then(new Command.Pause(server, service, null, false, act()));
    }

    History stopForced(String server, String service) {
        return then(new Command.Stop(server, service, true, act()));
    }

    History restartForced(String server) {
        return then(new Command.Restart(server, true, act()));
    }

    History startup(String server, io.quiesce.service.StartupType type) {
        return then(new Command.SetStartup(server, null, type, act()));
    }

    ReplayResult replay() {
        return new Replay(RULES).run(lines, "h.jsonl", null);
    }

    ReplayResult whatIf(String... settings) {
        return new Replay(RULES).whatIf(lines, "h.jsonl", null, WhatIf.parse(List.of(settings)));
    }
}
