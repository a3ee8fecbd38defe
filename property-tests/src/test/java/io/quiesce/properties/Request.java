package io.quiesce.properties;

import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.service.StartupType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator asks, without who, when or why: the runner gives each request the act of its
 * step (principal, model clock, reason). A {@code service} of null addresses the whole server. The
 * fields mirror docs/behaviour.md command lines.
 */
sealed interface Request {
    Command command(Act act);

    /** Variants with one argument made simpler, for shrinking; each is tried in turn. */
    default List<Request> simpler() {
        return List.of();
    }

    /** The request a command makes, for reading history files back. */
    static Request of(Command.Authorized c) {
        if (c instanceof Command.CreatePool x) {
            return new CreatePool(x.pool(), x.dnsLoadBalancing());
        } else if (c instanceof Command.SetDnsLoadBalancing x) {
            return new SetDnsLoadBalancing(x.pool(), x.on());
        } else if (c instanceof Command.AddServer x) {
            return new AddServer(x.pool(), x.server(), x.role());
        } else if (c instanceof Command.Pause x) {
            return new Pause(x.server(), x.service(), x.deadline(), x.clearDeadline(), x.force());
        } else if (c instanceof Command.Resume x) {
            return new Resume(x.server(), x.service());
        } else if (c instanceof Command.Start x) {
            return new Start(x.server(), x.service());
        } else if (c instanceof Command.Stop x) {
            return new Stop(x.server(), x.service(), x.force());
        } else if (c instanceof Command.SetStartup x) {
            return new SetStartup(x.server(), x.service(), x.type());
        } else if (c instanceof Command.Restart x) {
            return new Restart(x.server(), x.force());
        } else if (c instanceof Command.Connect x) {
            return new Connect(x.pool(), x.feature(), x.session());
        } else if (c instanceof Command.Observe x) {
            return new Observe(x.server(), x.service(), x.sessions());
        }
        return new End(((Command.End) c).session());
    }

    record CreatePool(String pool, boolean dnsLoadBalancing) implements Request {
        public Command command(Act act) {
            return new Command.CreatePool(pool, dnsLoadBalancing, act);
        }

        public List<Request> simpler() {
            return dnsLoadBalancing ? List.of() : List.of(new CreatePool(pool, true));
        }
    }

    record SetDnsLoadBalancing(String pool, boolean on) implements Request {
        public Command command(Act act) {
            return new Command.SetDnsLoadBalancing(pool, on, act);
        }
    }

    /** {@code role} null: the catalog's default role. */
    record AddServer(String pool, String server, String role) implements Request {
        public Command command(Act act) {
            return new Command.AddServer(pool, server, role, act);
        }
    }

    /** {@code deadline} may be null; {@code clearDeadline} clears that of a service already paused. */
    record Pause(String server, String service, Duration deadline, boolean clearDeadline, boolean force)
            implements Request {
        public Command command(Act act) {
            return new Command.Pause(server, service, deadline, clearDeadline, force, act);
        }

        public List<Request> simpler() {
            List<Request> out = new ArrayList<>();
            if (force) {
                out.add(new Pause(server, service, deadline, clearDeadline, false));
            }
            if (clearDeadline) {
                out.add(new Pause(server, service, null, false, force));
            }
            if (deadline != null) {
                out.add(new Pause(server, service, null, false, force));
                Shrinks.shorter(deadline).forEach(d -> out.add(new Pause(server, service, d, false, force)));
            }
            Shrinks.services(service).forEach(s -> out.add(new Pause(server, s, deadline, clearDeadline, force)));
            return out;
        }
    }

    record Resume(String server, String service) implements Request {
        public Command command(Act act) {
            return new Command.Resume(server, service, act);
        }

        public List<Request> simpler() {
            return Shrinks.services(service).stream().<Request>map(s -> new Resume(server, s)).toList();
        }
    }

    record Start(String server, String service) implements Request {
        public Command command(Act act) {
            return new Command.Start(server, service, act);
        }

        public List<Request> simpler() {
            return Shrinks.services(service).stream().<Request>map(s -> new Start(server, s)).toList();
        }
    }

    record Stop(String server, String service, boolean force) implements Request {
        public Command command(Act act) {
            return new Command.Stop(server, service, force, act);
        }

        public List<Request> simpler() {
            List<Request> out = new ArrayList<>();
            if (force) {
                out.add(new Stop(server, service, false));
            }
            Shrinks.services(service).forEach(s -> out.add(new Stop(server, s, force)));
            return out;
        }
    }

    record SetStartup(String server, String service, StartupType type) implements Request {
        public Command command(Act act) {
            return new Command.SetStartup(server, service, type, act);
        }

        public List<Request> simpler() {
            List<Request> out = new ArrayList<>();
            if (type == StartupType.DISABLED) {
                out.add(new SetStartup(server, service, StartupType.MANUAL));
            }
            Shrinks.services(service).forEach(s -> out.add(new SetStartup(server, s, type)));
            return out;
        }
    }

    record Restart(String server, boolean force) implements Request {
        public Command command(Act act) {
            return new Command.Restart(server, force, act);
        }

        public List<Request> simpler() {
            return force ? List.of(new Restart(server, false)) : List.of();
        }
    }

    record Connect(String pool, String feature, String session) implements Request {
        public Command command(Act act) {
            return new Command.Connect(pool, feature, session, act);
        }

        public List<Request> simpler() {
            return feature.equals(Shrinks.SIMPLEST_FEATURE) ? List.of()
                    : List.of(new Connect(pool, Shrinks.SIMPLEST_FEATURE, session));
        }
    }

    record End(String session) implements Request {
        public Command command(Act act) {
            return new Command.End(session, act);
        }
    }

    /** A load balancer's count of one service's connections. */
    record Observe(String server, String service, int sessions) implements Request {
        public Command command(Act act) {
            return new Command.Observe(server, service, sessions, act);
        }

        public List<Request> simpler() {
            return sessions > 1 ? List.of(new Observe(server, service, 1)) : List.of();
        }
    }
}
