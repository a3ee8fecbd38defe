package io.quiesce.cli;

import io.quiesce.command.Command;
import io.quiesce.formats.decision.DecisionJson;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.PauseDeadlineChanged;
import io.quiesce.event.Event.ServerAdded;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServicePaused;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionEnded;
import io.quiesce.event.Event.SessionStarted;
import io.quiesce.event.Event.StartupTypeChanged;
import io.quiesce.rules.Decision;
import io.quiesce.rules.RejectionCode;
import io.quiesce.rules.ServiceOutcome;
import io.quiesce.service.ServiceState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints what a decided command did, in human text or JSON, and gives its exit code. Refusals
 * go to stderr as one line; warnings go with the result.
 */
public final class DecisionReport {
    /** Not a {@link RejectionCode}: a connection no server took is accepted and recorded as lost. */
    static final String CONNECTION_LOST = "CONNECTION_LOST";

    private final Output out;
    private final ServiceNames names;
    private final boolean compact;

    public DecisionReport(Output out, ServiceNames names) {
        this(out, names, false);
    }

    /** {@code compact}: services with the same outcome share a line, as the demo and simulate show them. */
    public DecisionReport(Output out, ServiceNames names, boolean compact) {
        this.out = out;
        this.names = names;
        this.compact = compact;
    }

    public int report(Command command, Decision decision) {
        if (decision instanceof Decision.Rejected rejected) {
            out.warnings(rejected.warnings());
            out.refused(rejected.rejection());
            return ExitCode.of(rejected.rejection().code());
        }
        Decision.Accepted accepted = (Decision.Accepted) decision;
        int exit = ExitCode.DONE;
        if (command instanceof Command.CreatePool c) {
            createdPool(c);
        } else if (command instanceof Command.SetDnsLoadBalancing c) {
            dnsLoadBalancing(c, accepted);
        } else if (command instanceof Command.AddServer) {
            addedServer(accepted);
        } else if (command instanceof Command.Connect c) {
            exit = connected(c, accepted);
        } else if (command instanceof Command.End) {
            ended(accepted);
        } else {
            outcomes(command, accepted);
        }
        out.warnings(accepted.warnings());
        return exit;
    }

    private void createdPool(Command.CreatePool c) {
        if (out.json()) {
            out.json(DecisionJson.poolCreated(c));
        } else {
            out.line("created pool " + c.pool() + " (DNS load balancing " + OnOff.label(c.dnsLoadBalancing()) + ")");
        }
    }

    private void dnsLoadBalancing(Command.SetDnsLoadBalancing c, Decision.Accepted a) {
        if (out.json()) {
            out.json(DecisionJson.dnsLoadBalancing(c, a));
        } else {
            out.line("pool " + c.pool() + ": DNS load balancing " + (a.changedNothing() ? "already " : "now ")
                    + OnOff.label(c.on()) + (a.changedNothing() ? " (unchanged)" : ""));
        }
    }

    private void addedServer(Decision.Accepted a) {
        ServerAdded added = first(a, ServerAdded.class).orElseThrow();
        if (out.json()) {
            out.json(DecisionJson.serverAdded(added, a.warnings(), names.shortNames()));
        } else {
            out.line("added " + added.server() + " to pool " + added.pool() + " (role " + added.role() + ", "
                    + added.services().size() + " services running, startup automatic)");
        }
    }

    private int connected(Command.Connect c, Decision.Accepted a) {
        Optional<SessionStarted> started = first(a, SessionStarted.class);
        if (started.isEmpty()) {
            ConnectionLost lost = first(a, ConnectionLost.class).orElseThrow();
            if (out.json()) {
                out.json(DecisionJson.lost(lost));
            }
            out.refused(CONNECTION_LOST, "no server of pool " + lost.pool() + " takes new "
                    + lost.feature() + " connections, so session " + lost.session() + " is lost and counted as"
                    + " lost service (rule 11): resume or start a server that hosts " + lost.feature() + ".");
            return ExitCode.REFUSED;
        }
        SessionStarted s = started.get();
        if (out.json()) {
            out.json(DecisionJson.connected(s));
        } else {
            out.line("session " + s.session() + " on " + s.server() + ": " + s.service() + " ("
                    + names.shortName(s.server(), s.service()) + ")");
            ServiceState host = names.deployment().server(s.server()).map(x -> x.service(s.service())).orElseThrow();
            if (host.status().isPaused()) {
                out.line("note: " + s.service() + " on " + s.server() + " is paused but still takes " + s.feature()
                        + ": pool " + c.pool() + " has no DNS load balancing to re-route it (rule 6).");
            }
        }
        return ExitCode.DONE;
    }

    private void ended(Decision.Accepted a) {
        SessionEnded e = first(a, SessionEnded.class).orElseThrow();
        boolean drained = first(a, ServiceDrained.class).isPresent();
        if (out.json()) {
            out.json(DecisionJson.ended(e, drained));
        } else {
            out.line("ended session " + e.session() + " on " + e.server() + ": " + e.service() + " ("
                    + names.shortName(e.server(), e.service()) + ")");
            if (drained) {
                out.line(e.service() + " on " + e.server() + " is now drained: it can be stopped.");
            }
        }
    }

    /** Rule 10: one line per service addressed. */
    private void outcomes(Command command, Decision.Accepted a) {
        if (out.json()) {
            out.json(DecisionJson.outcomes(command, serverOf(command), a, names.shortNames()));
            return;
        }
        if (compact) {
            Map<String, List<String>> alike = new LinkedHashMap<>();
            a.outcomes().forEach(o -> alike.computeIfAbsent(describe(command, a, o), k -> new ArrayList<>())
                    .add(names.shortName(o.server(), o.service())));
            alike.forEach((what, services) -> out.line((alike.size() == 1 && services.size() > 1
                    ? "all " + services.size() + " services" : String.join(", ", services)) + ": " + what));
        } else {
            Table table = new Table();
            for (ServiceOutcome o : a.outcomes()) {
                table.row(names.shortName(o.server(), o.service()), o.service(), describe(command, a, o));
            }
            out.lines(table.lines(""));
        }
        a.events().stream().map(DecisionReport::deadlineSet).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(d -> out.line("deadline: " + Times.format(d) + " (sessions still on then are interrupted)"));
    }

    /** The deadline a pause, or a change of its deadline, sets; null for any other event. */
    private static java.time.Instant deadlineSet(Event e) {
        if (e instanceof ServicePaused p) {
            return p.deadline();
        }
        return e instanceof PauseDeadlineChanged c ? c.deadline() : null;
    }

    private String describe(Command command, Decision.Accepted a, ServiceOutcome o) {
        if (!o.changed()) {
            return "unchanged: " + (o.note() != null ? o.note() : o.after().name());
        }
        if (command instanceof Command.Observe c) {
            return c.sessions() + " observed" + (o.before() == o.after() ? "" : ", " + o.before() + " -> " + o.after());
        }
        if (command instanceof Command.SetStartup) {
            StartupTypeChanged e = serviceEvent(a, StartupTypeChanged.class, o).orElseThrow();
            return "startup " + e.from().label() + " -> " + e.to().label();
        }
        Optional<PauseDeadlineChanged> moved = serviceEvent(a, PauseDeadlineChanged.class, o);
        if (moved.isPresent()) {
            return o.after() + ", deadline " + (moved.get().deadline() == null ? "cleared"
                    : "now " + Times.format(moved.get().deadline()));
        }
        String text = o.before() + " -> " + o.after();
        if (serviceEvent(a, ServiceRestarted.class, o).map(ServiceRestarted::pauseCleared).orElse(false)) {
            text += " (pause cleared by restart)";
        }
        return text;
    }

    private static String serverOf(Command command) {
        if (command instanceof Command.Pause c) {
            return c.server();
        } else if (command instanceof Command.Resume c) {
            return c.server();
        } else if (command instanceof Command.Start c) {
            return c.server();
        } else if (command instanceof Command.Stop c) {
            return c.server();
        } else if (command instanceof Command.SetStartup c) {
            return c.server();
        } else if (command instanceof Command.Restart c) {
            return c.server();
        } else if (command instanceof Command.Observe c) {
            return c.server();
        }
        throw new IllegalArgumentException("not a server command: " + command);
    }

    private static <T extends Event.ServiceEvent> Optional<T> serviceEvent(Decision.Accepted a, Class<T> type,
                                                                          ServiceOutcome o) {
        return a.events().stream().filter(type::isInstance).map(type::cast)
                .filter(e -> e.server().equals(o.server()) && e.service().equals(o.service())).findFirst();
    }

    private static <T extends Event> Optional<T> first(Decision.Accepted a, Class<T> type) {
        return a.events().stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
