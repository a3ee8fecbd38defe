package io.quiesce.properties;

import io.quiesce.auth.Principal;
import io.quiesce.properties.harness.Seeds;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.Feature;
import io.quiesce.command.Act;
import io.quiesce.event.Event;
import io.quiesce.ManualClock;
import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.DnsLoadBalancing;
import io.quiesce.Target;
import io.quiesce.internal.persistence.RolloutProgress;
import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.PatchOutcome;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutStatus;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import io.quiesce.server.Quorum;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollouts of generated pools (1 to 16 servers, with and without DNS load balancing, some
 * services manual or disabled, sessions on them, users hanging up and calling in while it waits)
 * driven through the real library, with the process "dying" at a generated step (the runner
 * stops between recording a step and taking it; every other run also closes and reopens the
 * data directory) and the rollout resumed. Sequences are not shrunk: a failure prints its seed,
 * and {@code -Dquiesce.seed=N} reruns it; {@code -Dquiesce.rolloutRuns=N} runs more.
 */
class RolloutProperties {
    static final int RUNS = Settings.integer("quiesce.rolloutRuns", 12);
    static final Principal ALICE = Principal.of("alice", "Administrators");
    static final List<String> FEATURES = Catalog.defaults().role(Catalog.LYNC_2013_FRONT_END).orElseThrow()
            .services().stream().flatMap(w -> w.features().stream()).map(Feature::id).toList();
    /** More looks at a drain than any generated run needs: reaching it means the rollout never ended. */
    static final int MOST_TICKS = 20_000;

    @TempDir
    Path dir;

    /** One generated run and what it saw. */
    final class Run {
        final long seed;
        final SplittableRandom random;
        final int size;
        final boolean dnsLb;
        final OnTimeout onTimeout;
        final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
        final Map<String, Integer> patched = new TreeMap<>();
        final List<String> active = new ArrayList<>();
        int ticks;
        int sessions;
        Quiesce q;

        Run(long seed, OnTimeout onTimeout) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.size = 1 + random.nextInt(16);
            this.dnsLb = random.nextBoolean();
            this.onTimeout = onTimeout;
        }

        QuiesceOptions options() {
            return QuiesceOptions.at(dir.resolve(onTimeout.label() + "-" + seed)).withClock(clock).withFsync(false);
        }

        void connect(Operator op) {
            String id = "s" + (++sessions);
            Decision d = op.connect("pool1", FEATURES.get(random.nextInt(FEATURES.size())), id);
            if (d instanceof Decision.Accepted a && a.events().stream().anyMatch(Event.SessionStarted.class::isInstance)) {
                active.add(id);
            }
        }

        /** A second of users: under wait some call in early on; someone always hangs up. */
        void tick() {
            clock.advance(Duration.ofSeconds(1));
            if (++ticks > MOST_TICKS) {
                throw new AssertionError("seed " + seed + ": the rollout never ended");
            }
            Operator users = q.as(ALICE);
            if (onTimeout == OnTimeout.WAIT && ticks < 40 && random.nextInt(3) == 0) {
                connect(users);
            }
            if (!active.isEmpty() && random.nextInt(4) != 0) {
                String id = active.remove(random.nextInt(active.size()));
                users.end(id); // refused if it was interrupted: fine, it is gone either way
            }
        }

        RolloutRunner runner(int dieAtStep) {
            int[] started = {0};
            RolloutProgress progress = new RolloutProgress() {
                @Override
                public void stepStarted(RolloutState rollout, RolloutState.Next step) {
                    if (++started[0] == dieAtStep) {
                        throw new IllegalStateException("process died at " + step);
                    }
                }
            };
            return new RolloutRunner(q.rollouts(), progress, this::tick, command -> {
                patched.merge(command, 1, Integer::sum);
                return new PatchOutcome(0, "ok", Duration.ofSeconds(30));
            });
        }
    }

    @Test
    void withWaitARolloutKeepsQuorumAndARunningInstanceInterruptsNobodyPatchesEachServerOnceAndRestoresStartup() {
        forEachSeed(OnTimeout.WAIT);
    }

    @Test
    void withForceARolloutInterruptsOnlyTheSessionsItsPlanPredicted() {
        forEachSeed(OnTimeout.FORCE);
    }

    private void forEachSeed(OnTimeout onTimeout) {
        for (long seed : Seeds.search("rollout " + onTimeout.label(), RUNS)) {
            try {
                check(new Run(seed, onTimeout));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("rollout " + onTimeout.label() + ": seed " + seed + " fails (rerun with"
                        + " -Dtest=RolloutProperties -Dquiesce.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    private void check(Run run) {
        run.q = Quiesce.open(run.options());
        try {
            Operator alice = run.q.as(ALICE);
            alice.createPool("pool1", run.dnsLb ? DnsLoadBalancing.ON : DnsLoadBalancing.OFF);
            List<String> servers = new ArrayList<>();
            for (int i = 1; i <= run.size; i++) {
                servers.add(String.format("fe%02d", i));
                alice.addServer("pool1", servers.get(i - 1));
            }
            for (ServerState s : run.q.status().serversOf("pool1")) {
                for (String svc : s.services().keySet()) {
                    int draw = run.random.nextInt(20);
                    if (draw < 2) {
                        alice.setStartup(Target.service(s.name(), svc), draw == 0 ? StartupType.DISABLED : StartupType.MANUAL);
                    }
                }
            }
            for (int i = run.random.nextInt(3 * run.size + 1); i > 0; i--) {
                run.connect(alice);
            }
            Map<String, StartupType> startupBefore = startup(run.q.status());
            RolloutOptions options = RolloutOptions.defaults().withMaxUnavailable(1 + run.random.nextInt(3))
                    .withExec("patch {server}")
                    .withDrainTimeout(run.onTimeout == OnTimeout.FORCE ? Duration.ofSeconds(1 + run.random.nextInt(30))
                            : null, run.onTimeout);
            RolloutPlan plan = run.q.rollouts().plan("pool1", options);
            Set<String> predicted = new HashSet<>();
            plan.batches().forEach(b -> b.servers().forEach(s -> s.sessions().forEach(x -> predicted.add(x.session()))));
            int dieAt = run.random.nextInt(3) == 0 ? 0 : 1 + run.random.nextInt(8 * run.size);
            RolloutDecision begun = run.runner(dieAt).begin("pool1", options, plan, new Act(ALICE, run.clock.instant(),
                    "property"));
            if (run.size <= 2) {
                // Quorum needs every server of a pool of one or two: such a pool cannot be rolled, and nothing is recorded.
                assertThat(plan.possible()).isFalse();
                assertThat(begun).isInstanceOf(RolloutDecision.Rejected.class);
                assertThat(run.q.rollouts().state("pool1").status()).isEqualTo(RolloutStatus.NONE);
                return;
            }
            assertThat(begun).as("begin %s", plan.obstacles()).isInstanceOf(RolloutDecision.Accepted.class);
            RolloutState end = drive(run, dieAt);

            assertThat(end.status()).as("%s %s", end.endCode(), end.endMessage()).isEqualTo(RolloutStatus.COMPLETED);
            Map<String, Integer> once = new TreeMap<>();
            servers.forEach(s -> once.put("patch " + s, 1));
            assertThat(run.patched).as("patch runs").isEqualTo(once);
            Deployment after = run.q.status();
            assertThat(startup(after)).as("startup types").isEqualTo(startupBefore);
            assertThat(after.serversOf("pool1")).allSatisfy(s -> assertThat(s.isUp()).isTrue());
            List<Event> history = run.q.history();
            guardsHeldThroughout(history, run.size);
            List<Event.SessionInterrupted> interrupted = history.stream()
                    .filter(Event.SessionInterrupted.class::isInstance).map(Event.SessionInterrupted.class::cast).toList();
            if (run.onTimeout == OnTimeout.WAIT) {
                assertThat(interrupted).as("interrupted under wait").isEmpty();
            } else {
                assertThat(interrupted).as("interrupted under force").allSatisfy(x ->
                        assertThat(predicted).as("predicted by the plan").contains(x.session()));
            }
        } finally {
            run.q.close();
        }
    }

    /** Drives to the end; at the generated step the "process dies", and the rollout is resumed, in a reopened directory every other time. */
    private RolloutState drive(Run run, int dieAt) {
        try {
            return run.runner(dieAt).drive("pool1");
        } catch (IllegalStateException died) {
            assertThat(died).hasMessageStartingWith("process died at");
            if (run.seed % 2 == 0) {
                run.q.close();
                run.q = Quiesce.open(run.options());
            }
            RolloutRunner again = run.runner(0);
            Act act = new Act(ALICE, run.clock.instant(), null);
            RolloutDecision resumed = again.resume("pool1", false, act);
            if (resumed instanceof RolloutDecision.Rejected r) {
                // Died with a patch step recorded as started: it never ran, so running it is what the admin would allow.
                assertThat(r.rejection().code()).isEqualTo(RejectionCode.PATCH_UNFINISHED);
                assertThat(again.resume("pool1", true, act)).isInstanceOf(RolloutDecision.Accepted.class);
            }
            return again.drive("pool1");
        }
    }

    /** At every point of the history, the pool keeps its quorum and a running instance of every service. */
    private static void guardsHeldThroughout(List<Event> history, int size) {
        Deployment d = Deployment.empty();
        int required = Quorum.required(size);
        for (Event e : history) {
            d = d.evolve(e);
            List<ServerState> members = d.pool("pool1").isPresent() ? d.serversOf("pool1") : List.of();
            if (members.size() < size) {
                continue; // still being built
            }
            long up = members.stream().filter(ServerState::isUp).count();
            assertThat(up).as("servers up after %s", e).isGreaterThanOrEqualTo(required);
            Map<String, Integer> running = new HashMap<>();
            members.forEach(s -> s.services().values().forEach(svc -> running.merge(svc.name(),
                    svc.status() == ServiceStatus.RUNNING ? 1 : 0, Integer::sum)));
            assertThat(running).as("running instances after %s", e).allSatisfy((svc, n) -> assertThat(n).isPositive());
        }
    }

    private static Map<String, StartupType> startup(Deployment d) {
        Map<String, StartupType> types = new TreeMap<>();
        d.serversOf("pool1").forEach(s -> s.services().values().forEach(svc ->
                types.put(s.name() + "/" + svc.name(), svc.startup())));
        return types;
    }
}
