package io.quiesce.history;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.StartupType;
import io.quiesce.text.Names;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a history with the same rules as live, no actor system needed: event lines are folded
 * as recorded, command lines are decided at their time, and pause deadlines fire by themselves
 * once a later command line's time passes them. Pure: reads lines, returns a result.
 */
public final class Replay {
    /** The administrator a command line of a history stands for when it names no principal. */
    public static final String DEFAULT_PRINCIPAL = "replay";

    private final Rules rules;

    public Replay(Rules rules) {
        this.rules = rules;
    }

    /**
     * @param stopAt when not null, the state at that instant: later lines are read (and checked) but not applied
     */
    public ReplayResult run(Iterable<HistoryLine> lines, String source, Instant stopAt) {
        return new Run(source, stopAt, null).all(lines);
    }

    /**
     * The same history with every change decided again under {@code whatIf}: recorded events are
     * turned back into the commands that caused them (a recorded session becomes a new connection,
     * routed afresh), and their consequences are decided anew.
     */
    public ReplayResult whatIf(Iterable<HistoryLine> lines, String source, Instant stopAt, WhatIf whatIf) {
        return new Run(source, stopAt, whatIf).all(lines);
    }

    private final class Run {
        private final String source;
        private final Instant stopAt;
        private final WhatIf whatIf;
        private final Observer observer = new Observer(rules.catalog());
        private final List<Refusal> refusals = new ArrayList<>();
        // Folded without the index of sessions until a command is decided: see active.
        private Deployment state = Deployment.empty().withoutSessionIndex();
        /**
         * The active sessions by id, each with the event that started it, while only recorded
         * events are folded: checking an event line needs only whether an id is active, and where,
         * and this says it for a fraction of what keeping the deployment's persistent index costs
         * (or looking the id up among its service's sessions). Once a command is decided, the
         * state's own index (built then) answers, and this is no longer kept.
         */
        private final Map<String, Event.SessionStarted> active = new HashMap<>();
        private Instant last;
        private boolean deciding;
        private int count;
        private final List<Event> recorded = new ArrayList<>();
        private Deployment recordedFrom;

        Run(String source, Instant stopAt, WhatIf whatIf) {
            this.source = source;
            this.stopAt = stopAt;
            this.whatIf = whatIf;
            this.deciding = whatIf != null;
        }

        ReplayResult all(Iterable<HistoryLine> lines) {
            for (HistoryLine line : lines) {
                count++;
                Instant at = line.at();
                if (last != null && at.isBefore(last)) {
                    throw new HistoryException(source, line.number(), "time goes backwards: " + at
                            + " is before " + last + " on an earlier line");
                }
                if (!at.equals(last)) {
                    flushRecorded();
                }
                last = at;
                if (stopAt != null && at.isAfter(stopAt)) {
                    continue;
                }
                apply(line);
            }
            flushRecorded();
            if (deciding) {
                fireDeadlines(stopAt != null ? stopAt : last);
            }
            return new ReplayResult(observer.findings(), observer.timeline.interruptionCount(),
                    observer.timeline.lostCount(), refusals, observer.timeline, state, count);
        }

        private void apply(HistoryLine line) {
            if (line instanceof HistoryLine.CommandLine c) {
                flushRecorded();
                deciding = true;
                active.clear();
                decide(line.number(), c.command());
            } else {
                Event event = ((HistoryLine.EventLine) line).event();
                if (whatIf != null) {
                    derive(event).ifPresent(command -> decide(line.number(), command));
                } else {
                    check(line.number(), event);
                    // Recorded events of one instant are watched as one step, as the command that caused them was.
                    if (recorded.isEmpty()) {
                        recordedFrom = state;
                    }
                    Deployment before = state;
                    state = state.evolve(event);
                    if (!deciding) {
                        track(before, event);
                    }
                    recorded.add(event);
                }
            }
        }

        private void flushRecorded() {
            if (!recorded.isEmpty()) {
                // The observer reads the events during the step only: no copy of them is needed.
                observer.step(recordedFrom, recorded, state);
                recorded.clear();
            }
        }

        private void decide(int number, Command command) {
            fireDeadlines(command.at());
            Command pinned = whatIf == null ? command : pin(command);
            Decision decision = rules.decide(state, pinned);
            if (decision instanceof Decision.Rejected r && whatIf == null && misnamed(r.rejection())) {
                throw new HistoryException(source, number, r.rejection().message());
            }
            if (decision instanceof Decision.Rejected r) {
                refusals.add(new Refusal(number, command.at(), describe(command), r.rejection()));
                return;
            }
            step(((Decision.Accepted) decision).events());
            if (whatIf != null) {
                reapplyPinnedStartup(command);
            }
        }

        /**
         * A scenario that names a pool, server, service, feature or role that does not exist has a
         * mistake in it, not an incident: it is an error, as on the live command line. Sessions are
         * different: ending one that was lost or already ended is a refusal like any other.
         */
        private static boolean misnamed(io.quiesce.rules.Rejection rejection) {
            return rejection.code().kind() == io.quiesce.rules.RejectionCode.Kind.BAD_INPUT
                    && rejection.code() != io.quiesce.rules.RejectionCode.UNKNOWN_SESSION;
        }

        private void step(List<Event> events) {
            Deployment before = state;
            state = state.evolve(events);
            observer.step(before, events, state);
        }

        private void fireDeadlines(Instant now) {
            if (now == null) {
                return;
            }
            for (ServiceState s : state.pendingDeadlines()) {
                if (!s.deadline().isAfter(now)) {
                    Decision d = rules.decide(state, new Command.DeadlinePassed(s.server(), s.name(), s.deadline()));
                    if (d instanceof Decision.Accepted a) {
                        step(a.events());
                    }
                }
            }
        }

        /** Keeps {@link #active} as the event, folded into {@code before}, changed the sessions. */
        private void track(Deployment before, Event e) {
            if (e instanceof Event.SessionStarted s) {
                active.put(s.session(), s);
            } else if (e instanceof Event.SessionEnded s) {
                active.remove(s.session());
            } else if (e instanceof Event.SessionInterrupted s) {
                active.remove(s.session());
            } else if (e instanceof Event.ServiceRestarted r) {
                // a restart ends every session of the service
                active.keySet().removeAll(before.servers().get(r.server()).service(r.service()).sessions().keySet());
            }
        }

        /** An event line must fit the state it is folded into. */
        private void check(int number, Event e) {
            String problem = problem(e);
            if (problem != null) {
                throw new HistoryException(source, number, problem);
            }
        }

        private String problem(Event e) {
            ServiceEvent se = ServiceEvent.of(e);
            if (se != null) {
                return problem(se);
            }
            if (e instanceof Event.PoolCreated c) {
                return state.pool(c.pool()).isPresent() ? "pool " + c.pool() + " already exists" : null;
            }
            if (e instanceof Event.PoolEvent p && state.pool(p.pool()).isEmpty()) {
                return "unknown pool " + p.pool();
            }
            if (e instanceof Event.ServerAdded a) {
                return state.server(a.server()).isPresent() ? "server " + a.server() + " already exists" : null;
            }
            if (e instanceof Event.ServerRestarted r && state.server(r.server()).isEmpty()) {
                return "unknown server " + r.server();
            }
            return null;
        }

        /** Nearly every line is a service's event: it is checked first, with one lookup of its service. */
        private String problem(ServiceEvent e) {
            ServerState server = state.servers().get(e.server());
            if (server == null) {
                return "unknown server " + e.server();
            }
            ServiceState service = server.service(e.service());
            if (service == null) {
                return e.server() + " has no service " + e.service();
            }
            if (e instanceof Event.SessionStarted s && (deciding ? state.hasSession(s.session())
                    : active.containsKey(s.session()))) {
                return "session " + s.session() + " is already active";
            }
            String ended = e instanceof Event.SessionEnded s ? s.session()
                    : e instanceof Event.SessionInterrupted s ? s.session() : null;
            if (ended != null && !(deciding ? service.sessions().containsKey(ended) : activeOn(ended, e))) {
                return "no active session " + ended + " on " + e.service() + " of " + e.server();
            }
            if (e instanceof Event.SessionsObserved o && o.sessions() > 0
                    && service.status() == io.quiesce.service.ServiceStatus.OFFLINE) {
                return e.service() + " of " + e.server() + " is offline and cannot hold observed sessions";
            }
            if (e instanceof Event.ObservedSessionsInterrupted o && o.sessions() != service.observed()) {
                return e.service() + " of " + e.server() + " had " + service.observed()
                        + " observed session(s), not " + o.sessions();
            }
            return null;
        }

        /**
         * Whether the session is active on the event's service, as the service's own sessions would
         * say: its server named in any case, as the deployment finds servers, its service exactly.
         */
        private boolean activeOn(String session, ServiceEvent e) {
            Event.SessionStarted started = active.get(session);
            return started != null && started.service().equals(e.service())
                    && (started.server() == e.server() || Names.same(started.server(), e.server()));
        }

        /** The command an operator (or a user's client) gave to cause this event; empty for consequences. */
        private Optional<Command> derive(Event e) {
            String group = rules.authorization().adminGroup();
            if (e instanceof Event.PoolCreated c) {
                return Optional.of(new Command.CreatePool(c.pool(), c.dnsLoadBalancing(), act(c.by(), c.at(),
                        c.reason(), group)));
            } else if (e instanceof Event.DnsLoadBalancingChanged c) {
                return Optional.of(new Command.SetDnsLoadBalancing(c.pool(), c.dnsLoadBalancing(),
                        act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.ServerAdded c) {
                return Optional.of(new Command.AddServer(c.pool(), c.server(), c.role(),
                        act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.ConnectionLost c) {
                return Optional.of(new Command.Connect(c.pool(), c.feature(), c.session(),
                        act(c.by(), c.at(), null, group)));
            } else if (e instanceof Event.ServerRestarted c) {
                return Optional.of(new Command.Restart(c.server(), c.forced(), act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.ServicePaused c) {
                Duration deadline = c.deadline() == null ? null : Duration.between(c.at(), c.deadline());
                // The operator paused it then; force keeps a guard from silently undoing that intent.
                return Optional.of(new Command.Pause(c.server(), c.service(), deadline, true,
                        act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.PauseDeadlineChanged c) {
                // Decided again only on a service that is paused here too: a pause must not come of it.
                boolean paused = state.server(c.server()).map(s -> s.service(c.service()))
                        .map(s -> s.status().isPaused()).orElse(false);
                Duration deadline = c.deadline() == null ? null : Duration.between(c.at(), c.deadline());
                return paused ? Optional.of(new Command.Pause(c.server(), c.service(), deadline, deadline == null, true,
                        act(c.by(), c.at(), c.reason(), group))) : Optional.empty();
            } else if (e instanceof Event.ServiceResumed c) {
                return Optional.of(new Command.Resume(c.server(), c.service(), act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.ServiceStarted c) {
                return Optional.of(new Command.Start(c.server(), c.service(), act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.ServiceStopped c) {
                return Optional.of(new Command.Stop(c.server(), c.service(), c.forced(),
                        act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.StartupTypeChanged c) {
                return Optional.of(new Command.SetStartup(c.server(), c.service(), c.to(),
                        act(c.by(), c.at(), c.reason(), group)));
            } else if (e instanceof Event.SessionStarted c) {
                return state.server(c.server()).map(s -> new Command.Connect(s.pool(), c.feature(), c.session(),
                        act(c.by(), c.at(), null, group)));
            } else if (e instanceof Event.SessionEnded c) {
                return Optional.of(new Command.End(c.session(), act(c.by(), c.at(), null, group)));
            } else if (e instanceof Event.SessionsObserved c) {
                return Optional.of(new Command.Observe(c.server(), c.service(), c.sessions(),
                        act(c.by(), c.at(), null, group)));
            }
            // Drained, interrupted, restarted services and passed deadlines follow from the commands.
            return Optional.empty();
        }

        /** Applies the what-if settings to a command before it is decided. */
        private Command pin(Command command) {
            if (command instanceof Command.CreatePool c && whatIf.dnsLoadBalancing().containsKey(c.pool())) {
                return new Command.CreatePool(c.pool(), whatIf.dnsLoadBalancing().get(c.pool()), c.act());
            }
            if (command instanceof Command.SetDnsLoadBalancing c && whatIf.dnsLoadBalancing().containsKey(c.pool())) {
                return new Command.SetDnsLoadBalancing(c.pool(), whatIf.dnsLoadBalancing().get(c.pool()), c.act());
            }
            return command;
        }

        /** After a server is added or a startup type changed, the pinned startup types hold again. */
        private void reapplyPinnedStartup(Command command) {
            String server = command instanceof Command.AddServer a ? a.server()
                    : command instanceof Command.SetStartup s ? s.server() : null;
            if (server == null || state.server(server).isEmpty()) {
                return;
            }
            Act act = new Act(Principal.of("what-if", rules.authorization().adminGroup()), command.at(), null);
            StartupType whole = whatIf.startupOf(server, null);
            if (whole != null) {
                step(accepted(new Command.SetStartup(server, null, whole, act)));
            }
            for (ServiceState s : state.server(server).get().services().values()) {
                String shortName = rules.catalog().shortName(state.server(server).get().role(), s.name());
                StartupType one = Optional.ofNullable(whatIf.startupOf(server, s.name()))
                        .orElse(whatIf.startupOf(server, shortName));
                if (one != null) {
                    step(accepted(new Command.SetStartup(server, s.name(), one, act)));
                }
            }
        }

        private List<Event> accepted(Command command) {
            return rules.decide(state, command) instanceof Decision.Accepted a ? a.events() : List.of();
        }

        private static Act act(String by, Instant at, String reason, String adminGroup) {
            return new Act(Principal.of(by == null ? DEFAULT_PRINCIPAL : by, adminGroup), at, reason);
        }

        private static String describe(Command command) {
            return command.verb();
        }
    }

    /** The settings of {@code whatIf} as a readable list, for reports. */
    public static List<String> describe(WhatIf whatIf) {
        List<String> out = new ArrayList<>();
        whatIf.startup().forEach((k, v) -> out.add("startup." + k + "=" + v.label()));
        whatIf.dnsLoadBalancing().forEach((k, v) -> out.add("dnsLoadBalancing." + k + "=" + (v ? "on" : "off")));
        return out;
    }
}
