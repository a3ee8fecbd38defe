package io.quiesce.properties;

import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.catalog.Role;
import io.quiesce.catalog.WindowsService;
import io.quiesce.rules.Deployment;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random sequences over one random pool, weighted by the current state so most steps do
 * something: sessions are ended while there are some, paused services are resumed or stopped,
 * offline ones started, time passes towards pending deadlines. A few steps on purpose name
 * nothing, come from a non-administrator or ask the impossible. The same seed always gives the
 * same sequence.
 *
 * @param maxSteps   the most steps a sequence has, pool setup included
 * @param minReopens the fewest process restarts in a sequence
 * @param maxReopens the most process restarts in a sequence
 */
record Generator(Decider decider, Catalog catalog, int maxSteps, int minReopens, int maxReopens) {
    static final String POOL = "pool1";
    /** A session id that is never started. */
    static final String NO_SESSION = "s-none";
    /** A setup has a pool, up to seven servers and up to three startup changes. */
    static final int LONGEST_SETUP = 1 + 7 + 3;

    Generator {
        if (maxSteps <= LONGEST_SETUP) {
            throw new IllegalArgumentException("sequences need more than " + LONGEST_SETUP + " steps, not " + maxSteps);
        }
    }

    static Generator standard(int maxSteps, int minReopens, int maxReopens) {
        return new Generator(Decider.standard(), Decider.standardRules().catalog(), maxSteps, minReopens, maxReopens);
    }

    Generator withDecider(Decider d) {
        return new Generator(d, catalog, maxSteps, minReopens, maxReopens);
    }

    List<Step> generate(long seed) {
        return new Draft(new SplittableRandom(seed)).build();
    }

    /** One sequence being drawn, with the model it has reached so far. */
    private final class Draft {
        private final SplittableRandom r;
        private final ModelRun model = new ModelRun(decider);
        private final List<Step> steps = new ArrayList<>();
        private final Role role = catalog.role(catalog.defaultRole()).orElseThrow();
        private int sessions;

        Draft(SplittableRandom r) {
            this.r = r;
        }

        List<Step> build() {
            setup();
            int body = r.nextInt(1, maxSteps - steps.size() + 1);
            Set<Integer> reopens = new HashSet<>();
            int wanted = Math.min(body, r.nextInt(minReopens, maxReopens + 1));
            while (reopens.size() < wanted) {
                reopens.add(r.nextInt(body));
            }
            for (int i = 0; i < body; i++) {
                if (!reopens.contains(i)) {
                    add(next());
                    continue;
                }
                // Half the time a pending deadline passes first, so that it fires on recovery.
                Optional<Instant> deadline = model.state().nextDeadline();
                boolean afterWait = steps.get(steps.size() - 1) instanceof Step.Wait;
                if (deadline.isPresent() && !afterWait && i + 1 < body && !reopens.contains(i + 1) && r.nextBoolean()) {
                    add(waitPast(deadline.get()));
                    i++;
                }
                add(new Step.Reopen());
            }
            return List.copyOf(steps);
        }

        private void setup() {
            int servers = r.nextInt(2, 8);
            add(Step.admin(new Request.CreatePool(POOL, r.nextBoolean())));
            for (int i = 1; i <= servers; i++) {
                add(Step.admin(new Request.AddServer(POOL, server(i), null)));
            }
            // Mixed startup types: they matter at the next restart.
            int changes = r.nextInt(4);
            for (int i = 0; i < changes; i++) {
                String service = r.nextInt(10) == 0 ? null : displayName(r.nextInt(role.services().size()));
                StartupType type = r.nextBoolean() ? StartupType.MANUAL : StartupType.DISABLED;
                add(Step.admin(new Request.SetStartup(server(1 + r.nextInt(servers)), service, type)));
            }
        }

        private void add(Step step) {
            steps.add(step);
            try {
                model.apply(step);
            } catch (RuntimeException e) {
                // A planted bug can break the fold; the property run reports it, generation goes on.
            }
        }

        private Step next() {
            Deployment d = model.state();
            List<ServiceState> all = services(d, null);
            List<ServiceState> paused = services(d, Set.of(ServiceStatus.PAUSING, ServiceStatus.DRAINED));
            List<ServiceState> offline = services(d, Set.of(ServiceStatus.OFFLINE));
            List<String> active = activeSessions(d);
            boolean afterWait = !steps.isEmpty() && steps.get(steps.size() - 1) instanceof Step.Wait;
            Choice[] choices = {
                    new Choice(24, this::connect),
                    new Choice(active.isEmpty() ? 1 : 14, () -> end(active)),
                    new Choice(10, () -> pause(services(d, Set.of(ServiceStatus.RUNNING)), all)),
                    new Choice(paused.isEmpty() ? 1 : 6, () -> resume(paused, all)),
                    new Choice(paused.isEmpty() ? 0 : 3, () -> moveDeadline(paused, all)),
                    new Choice(paused.isEmpty() ? 3 : 9, () -> stop(paused, all)),
                    new Choice(offline.isEmpty() ? 1 : 6, () -> start(offline, all)),
                    new Choice(4, this::restart),
                    new Choice(3, () -> startup(all)),
                    new Choice(3, () -> observe(all)),
                    new Choice(1, () -> send(new Request.SetDnsLoadBalancing(oneIn(30) ? "pool9" : POOL,
                            !d.pool(POOL).map(p -> p.dnsLoadBalancing()).orElse(true)))),
                    new Choice(afterWait ? 0 : d.nextDeadline().isPresent() ? 10 : 4, () -> waitFor(d)),
            };
            int total = 0;
            for (Choice c : choices) {
                total += c.weight;
            }
            int roll = r.nextInt(total);
            for (Choice c : choices) {
                roll -= c.weight;
                if (roll < 0) {
                    return c.step.get();
                }
            }
            throw new IllegalStateException("weights add up to " + total);
        }

        private Step connect() {
            List<String> active = activeSessions(model.state());
            int roll = r.nextInt(100);
            String session;
            if (roll < 4 && !active.isEmpty()) {
                session = any(active); // a duplicate: refused
            } else if (roll < 8 && sessions > 0) {
                session = "s" + (1 + r.nextInt(sessions)); // an earlier id, most likely ended, so used again
            } else {
                session = "s" + (++sessions);
            }
            List<Feature> features = role.services().stream().flatMap(s -> s.features().stream()).toList();
            String feature = oneIn(50) ? "fax" : any(features).id();
            return send(new Request.Connect(oneIn(50) ? "pool9" : POOL, feature, session));
        }

        private Step end(List<String> active) {
            String session;
            if (!active.isEmpty() && r.nextInt(100) < 88) {
                session = any(active);
            } else if (sessions > 0 && r.nextBoolean()) {
                session = "s" + (1 + r.nextInt(sessions)); // most likely ended already
            } else {
                session = NO_SESSION;
            }
            return send(new Request.End(session));
        }

        private Step pause(List<ServiceState> running, List<ServiceState> all) {
            Target t = pick(running, all);
            Duration deadline = r.nextInt(100) < 35 ? Duration.ofMinutes(r.nextInt(1, 61)) : null;
            return send(new Request.Pause(t.server, t.service, deadline, false, oneIn(8)));
        }

        /** Sets, moves or clears the deadline of a pause in place. */
        private Step moveDeadline(List<ServiceState> paused, List<ServiceState> all) {
            Target t = pick(paused, all);
            return oneIn(3) ? send(new Request.Pause(t.server, t.service, null, true, false))
                    : send(new Request.Pause(t.server, t.service, Duration.ofMinutes(r.nextInt(1, 61)), false, false));
        }

        private Step resume(List<ServiceState> paused, List<ServiceState> all) {
            Target t = pick(paused, all);
            return send(new Request.Resume(t.server, t.service));
        }

        private Step stop(List<ServiceState> paused, List<ServiceState> all) {
            Target t = pick(paused, all);
            return send(new Request.Stop(t.server, t.service, r.nextInt(100) < 30));
        }

        private Step start(List<ServiceState> offline, List<ServiceState> all) {
            Target t = pick(offline, all);
            return send(new Request.Start(t.server, t.service));
        }

        private Step restart() {
            int servers = model.state().servers().size();
            String server = oneIn(30) || servers == 0 ? "fe99" : server(1 + r.nextInt(servers));
            return send(new Request.Restart(server, r.nextInt(100) < 35));
        }

        /** Counts rise and fall as a load balancer's would; mostly back to 0, so drains happen. */
        private Step observe(List<ServiceState> all) {
            // Mostly where a count matters: services already counted, or paused and waiting to drain.
            Target t = pick(all.stream().filter(s -> s.observed() > 0 || s.status().isPaused()).toList(), all);
            // An observed count is for one service: a whole-server pick observes its core service.
            String service = t.service != null ? t.service : role.coreService();
            int count = r.nextInt(100) < 45 ? 0 : r.nextInt(1, 6);
            return send(new Request.Observe(t.server, service, count));
        }

        private Step startup(List<ServiceState> all) {
            Target t = pick(List.of(), all);
            int roll = r.nextInt(10);
            StartupType type = roll < 4 ? StartupType.AUTOMATIC : roll < 8 ? StartupType.MANUAL : StartupType.DISABLED;
            return send(new Request.SetStartup(t.server, t.service, type));
        }

        private Step waitFor(Deployment d) {
            if (d.nextDeadline().isPresent() && r.nextInt(100) < 60) {
                return waitPast(d.nextDeadline().get());
            }
            return new Step.Wait(Duration.ofMinutes(r.nextInt(1, 46)));
        }

        /** Until the deadline, or a few minutes past it. */
        private Step waitPast(Instant deadline) {
            long minutes = Duration.between(model.now(), deadline).toMinutes();
            return new Step.Wait(Duration.ofMinutes(Math.max(1, minutes + r.nextInt(5))));
        }

        private Step send(Request request) {
            int roll = r.nextInt(100);
            Principal as = roll < 90 ? Principals.ADMIN : roll < 94 ? Principals.ADMIN_OTHER_CASE
                    : roll < 97 ? Principals.OUTSIDER : Principals.NOBODY;
            // Reasons go on pauses, where the command line takes them (docs/cli.md).
            String reason = request instanceof Request.Pause && oneIn(5) ? "patch night" : null;
            return new Step.Send(as, reason, request);
        }

        /** A service, mostly among the preferred ones; a quarter of the time its whole server. */
        private Target pick(List<ServiceState> preferred, List<ServiceState> all) {
            if (all.isEmpty() || oneIn(33)) {
                return new Target("fe99", null);
            }
            ServiceState s = !preferred.isEmpty() && r.nextInt(100) < 85 ? any(preferred) : any(all);
            if (r.nextInt(4) == 0) {
                return new Target(s.server(), null);
            }
            if (oneIn(33)) {
                return new Target(s.server(), r.nextBoolean() ? "RTCNOPE" : "Monitoring data collection agent");
            }
            WindowsService w = role.service(s.name()).orElseThrow();
            int form = r.nextInt(100);
            String name = form < 50 ? w.displayName() : form < 85 ? w.shortName() : w.shortName().toLowerCase(Locale.ROOT);
            return new Target(s.server(), name);
        }

        private boolean oneIn(int n) {
            return r.nextInt(n) == 0;
        }

        private <T> T any(List<T> list) {
            return list.get(r.nextInt(list.size()));
        }

        private String displayName(int index) {
            return role.services().get(index).displayName();
        }
    }

    private record Choice(int weight, Supplier<Step> step) {
    }

    private record Target(String server, String service) {
    }

    static String server(int i) {
        return String.format("fe%02d", i);
    }

    private static List<ServiceState> services(Deployment d, Set<ServiceStatus> statuses) {
        List<ServiceState> out = new ArrayList<>();
        for (ServerState server : d.servers().values()) {
            server.services().values().stream()
                    .filter(s -> statuses == null || statuses.contains(s.status())).forEach(out::add);
        }
        return out;
    }

    private static List<String> activeSessions(Deployment d) {
        List<String> out = new ArrayList<>();
        d.servers().values().forEach(s -> s.services().values().forEach(svc -> out.addAll(svc.sessions().keySet())));
        return out;
    }
}
