package io.quiesce.internal.persistence;

import io.quiesce.QuiesceException;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.rollout.OnTimeout;
import io.quiesce.rollout.PatchOutcome;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rollout.RolloutState.Next;
import io.quiesce.rollout.RolloutStep;
import io.quiesce.rollout.ServerBefore;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import io.quiesce.server.ServerState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a pool's rollout step by step on the calling thread until it completes or stops. Each
 * step is recorded as started before it is taken and as done after, so a rollout whose process
 * died carries on at the step it was on: the steps on servers are the rules' own commands, which
 * change nothing when already done, and a patch step cut short is run again only with consent.
 */
public final class RolloutRunner {
    /** How a runner waits between looks at a draining server. */
    @FunctionalInterface
    public interface Pace {
        void idle();

        /** Real time: a look four times a second. */
        static Pace realTime() {
            return () -> {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QuiesceException("interrupted while waiting for a server to drain", e);
                }
            };
        }
    }

    private final Engine quiesce;
    private final Rollouts rollouts;
    private final RolloutProgress progress;
    private final Pace pace;
    private final PatchStep patch;

    public RolloutRunner(Rollouts rollouts, RolloutProgress progress, Pace pace, PatchStep patch) {
        this.quiesce = rollouts.engine();
        this.rollouts = rollouts;
        this.progress = progress;
        this.pace = pace;
        this.patch = patch;
    }

    /** Records the start of a rollout on the plan's schedule (see {@link Rollouts#plan}); then {@link #drive}. */
    public RolloutDecision begin(String pool, RolloutOptions options, RolloutPlan plan, Act act) {
        if (!plan.possible()) {
            return new RolloutDecision.Rejected(plan.obstacles().get(0));
        }
        Map<String, ServerBefore> before = new LinkedHashMap<>();
        plan.schedule().forEach(batch -> batch.forEach(server ->
                before.put(server, ServerBefore.of(rollouts.await(quiesce.status()).server(server).orElseThrow()))));
        return rollouts.decide(pool, new RolloutCommand.Begin(options, plan.schedule(), before, act));
    }

    /** Takes up a rollout whose process stopped; then {@link #drive}. */
    public RolloutDecision resume(String pool, boolean rerunUnfinished, Act act) {
        return rollouts.decide(pool, new RolloutCommand.Resume(rerunUnfinished, act));
    }

    /** Takes the rollout's steps until it completes or stops; returns how it ended. */
    public RolloutState drive(String pool) {
        if (!rollouts.startDriving(pool)) {
            throw new IllegalStateException("the rollout of " + pool + " is already driven in this process");
        }
        try {
            while (true) {
                RolloutState s = rollouts.state(pool);
                if (!s.inProgressStatus()) {
                    progress.ended(s);
                    return s;
                }
                Next next = s.next().orElseThrow();
                if (!s.inProgress()) {
                    expectAccepted(rollouts.decide(pool, new RolloutCommand.BeginStep(next.server(), next.step(),
                            now())));
                    s = rollouts.state(pool);
                    if (!s.inProgress()) {
                        continue; // stopped as asked before the step
                    }
                }
                progress.stepStarted(s, next);
                RolloutCommand outcome = take(s, next);
                if (outcome != null) {
                    expectAccepted(rollouts.decide(pool, outcome));
                    if (outcome instanceof RolloutCommand.FinishStep f) {
                        progress.stepDone(s, next, f.note());
                    } else if (outcome instanceof RolloutCommand.FinishPatch p) {
                        progress.stepDone(s, next, "exit " + p.exitCode() + " after " + p.duration().toSeconds() + "s");
                    }
                }
            }
        } finally {
            rollouts.stopDriving(pool);
        }
    }

    /** Takes one step; the command that records how it went, or null when the rollout already recorded it. */
    private RolloutCommand take(RolloutState s, Next next) {
        String server = next.server();
        RolloutServers servers = new RolloutServers(rollouts, new Principal(s.by(),
                Set.of(quiesce.rules().authorization().adminGroup())),
                "rollout " + s.number() + " of " + s.pool() + (s.reason() == null ? "" : ": " + s.reason()));
        ServerBefore before = s.before().get(server);
        return switch (next.step()) {
            case MANUAL_STARTUP -> each(next, before.toManual(),
                    svc -> servers.startup(server, svc, StartupType.MANUAL));
            case PAUSE -> one(next, servers.pause(server), "paused");
            case DRAIN -> drain(s, servers, server);
            case STOP -> stop(s, servers, server);
            case PATCH -> {
                PatchOutcome out = patch.run(s.options().execFor(server));
                yield new RolloutCommand.FinishPatch(server, out.exitCode(), out.outputTail(), out.duration(), now());
            }
            case START -> each(next, before.toStart(), svc -> servers.start(server, svc));
            case RESUME -> one(next, servers.resume(server), "resumed");
            case RESTORE_STARTUP -> each(next, before.toManual(),
                    svc -> servers.startup(server, svc, before.startup().get(svc)));
        };
    }

    private RolloutCommand drain(RolloutState s, RolloutServers servers, String server) {
        Instant since = s.stepStarted() != null ? s.stepStarted() : now();
        while (true) {
            ServerState state = servers.status().server(server).orElseThrow();
            if (drained(state)) {
                return finish(server, RolloutStep.DRAIN, "drained");
            }
            RolloutState current = rollouts.state(s.pool());
            if (current.abortRequested()) {
                return finish(server, RolloutStep.DRAIN, "not drained (" + state.sessionCount()
                        + " session(s) left): abort asked");
            }
            Duration waited = Duration.between(since, now());
            Duration timeout = s.options().drainTimeout();
            if (timeout != null && waited.compareTo(timeout) >= 0 && !current.timedOut().contains(server)) {
                RolloutDecision d = rollouts.decide(s.pool(), new RolloutCommand.DrainTimeout(server, now()));
                expectAccepted(d);
                OnTimeout then = s.options().onTimeout();
                if (then == OnTimeout.ABORT) {
                    return null;
                } else if (then == OnTimeout.FORCE) {
                    return finish(server, RolloutStep.DRAIN, "drain timeout passed with "
                            + state.sessionCount() + " session(s) left: taking it offline by force");
                }
            }
            progress.draining(server, state.sessionCount(), waited);
            pace.idle();
        }
    }

    private RolloutCommand stop(RolloutState s, RolloutServers servers, String server) {
        boolean force = s.timedOut().contains(server) && s.options().onTimeout() == OnTimeout.FORCE;
        Instant since = s.stepStarted() != null ? s.stepStarted() : now();
        while (true) {
            if (force) {
                // Force is for the sessions left, never to override the capacity or quorum guard.
                List<Rejection> guards = servers.plan(server).stop().guards().stream()
                        .filter(r -> r.code() == RejectionCode.CAPACITY_GUARD || r.code() == RejectionCode.QUORUM_GUARD)
                        .toList();
                if (!guards.isEmpty()) {
                    return new RolloutCommand.StepRefused(server, RolloutStep.STOP, guards.get(0),
                            now());
                }
            }
            Decision d = servers.stop(server, force);
            if (d instanceof Decision.Accepted a) {
                return finish(server, RolloutStep.STOP, (force ? "stopped by force" : "stopped")
                        + interrupted(a));
            }
            Rejection r = ((Decision.Rejected) d).rejection();
            boolean sessions = r.code() == RejectionCode.SESSIONS_ACTIVE || r.code() == RejectionCode.DNS_LB_SESSIONS;
            if (!sessions) {
                return new RolloutCommand.StepRefused(server, RolloutStep.STOP, r, now());
            }
            // Sessions came back after the drain (a feature not re-routed without DNS load balancing).
            if (rollouts.state(s.pool()).abortRequested()) {
                return new RolloutCommand.StepRefused(server, RolloutStep.STOP, r, now());
            }
            Duration timeout = s.options().drainTimeout();
            if (timeout != null && Duration.between(since, now()).compareTo(timeout) >= 0) {
                if (s.options().onTimeout() == OnTimeout.ABORT) {
                    return new RolloutCommand.StepRefused(server, RolloutStep.STOP, r, now());
                } else if (s.options().onTimeout() == OnTimeout.FORCE) {
                    force = true;
                    continue;
                }
            }
            progress.draining(server, servers.status().server(server).orElseThrow().sessionCount(),
                    Duration.between(since, now()));
            pace.idle();
        }
    }

    private static String interrupted(Decision.Accepted a) {
        long n = a.events().stream().filter(e -> e instanceof io.quiesce.event.Event.SessionInterrupted).count();
        return n == 0 ? "" : ", " + n + " session(s) interrupted";
    }

    /** A paused server is drained when no service of it is running or still has sessions. */
    private static boolean drained(ServerState server) {
        return server.services().values().stream()
                .allMatch(svc -> svc.status() == ServiceStatus.DRAINED || svc.status() == ServiceStatus.OFFLINE);
    }

    private RolloutCommand one(Next next, Decision d, String done) {
        if (d instanceof Decision.Rejected r) {
            return new RolloutCommand.StepRefused(next.server(), next.step(), r.rejection(), now());
        }
        return finish(next.server(), next.step(), ((Decision.Accepted) d).changedNothing() ? "already so" : done);
    }

    private RolloutCommand each(Next next, List<String> services, java.util.function.Function<String, Decision> act) {
        int changed = 0;
        for (String svc : services) {
            Decision d = act.apply(svc);
            if (d instanceof Decision.Rejected r) {
                return new RolloutCommand.StepRefused(next.server(), next.step(), r.rejection(), now());
            }
            changed += ((Decision.Accepted) d).changedNothing() ? 0 : 1;
        }
        return finish(next.server(), next.step(), changed + " of " + services.size() + " service(s) changed");
    }

    private RolloutCommand finish(String server, RolloutStep step, String note) {
        return new RolloutCommand.FinishStep(server, step, note, now());
    }

    private static void expectAccepted(RolloutDecision d) {
        if (d instanceof RolloutDecision.Rejected r) {
            // The runner follows the rollout's own next step; a refusal means another process drives it.
            throw new QuiesceException("the rollout refused its own step: " + r.rejection().message());
        }
    }

    private Instant now() {
        return quiesce.options().clock().instant();
    }
}
