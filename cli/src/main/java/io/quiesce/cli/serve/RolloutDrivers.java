package io.quiesce.cli.serve;

import io.quiesce.Quiesce;
import io.quiesce.QuiesceException;
import io.quiesce.auth.Principal;
import io.quiesce.cli.RolloutPrintouts;
import io.quiesce.command.Act;
import io.quiesce.internal.persistence.PatchStep;
import io.quiesce.internal.persistence.RolloutRunner;
import io.quiesce.rollout.RolloutCommand;
import io.quiesce.rollout.RolloutDecision;
import io.quiesce.rollout.RolloutOptions;
import io.quiesce.rollout.RolloutPlan;
import io.quiesce.rollout.RolloutState;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The rollouts the server drives: each on a thread of its own with the same {@link RolloutRunner}
 * as the foreground (its patch step runs here, on the server's machine), its progress kept for the
 * command lines that follow it. On start it takes up the rollouts a dead process left unfinished.
 */
final class RolloutDrivers implements AutoCloseable {
    /** How long stopping the server waits for a driver to leave its step. */
    private static final long STOP_WAIT_SECONDS = 10;

    private final Quiesce quiesce;
    private final PrintStream log;
    /** Every run since the server started, by id: a follower asks for its own run's lines. */
    private final Map<String, DrivenRollout> runs = new ConcurrentHashMap<>();
    /** The run driving each pool now. */
    private final Map<String, DrivenRollout> driving = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RolloutDrivers(Quiesce quiesce, PrintStream log) {
        this.quiesce = quiesce;
        this.log = log;
    }

    Optional<DrivenRollout> run(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    Optional<DrivenRollout> driving(String pool) {
        return Optional.ofNullable(driving.get(pool));
    }

    /** Starts a rollout on the plan's schedule and drives it; the refusal if it could not start. */
    synchronized Result start(String pool, RolloutOptions options, RolloutPlan plan, Act act) {
        if (closed) {
            return Result.refused(stopping());
        }
        DrivenRollout run = prepare(pool);
        RolloutDecision begun = run.runner().begin(pool, options, plan, act);
        if (begun instanceof RolloutDecision.Rejected r) {
            return Result.refused(r.rejection());
        }
        return Result.driving(drive(run));
    }

    /** Takes up a rollout whose driver stopped (as {@code rollout resume} does) and drives it. */
    synchronized Result resume(String pool, boolean rerunUnfinished, Act act) {
        if (closed) {
            return Result.refused(stopping());
        }
        DrivenRollout now = driving.get(pool);
        if (now != null) {
            RolloutState s = quiesce.rollouts().state(pool);
            return Result.refused(new Rejection(RejectionCode.ROLLOUT_IN_PROGRESS, "this server is driving rollout "
                    + s.number() + " of pool " + pool + " already: follow it with rollout status " + pool
                    + ", or stop it with rollout abort " + pool + "."));
        }
        DrivenRollout run = prepare(pool);
        RolloutDecision resumed = run.runner().resume(pool, rerunUnfinished, act);
        if (resumed instanceof RolloutDecision.Rejected r) {
            return Result.refused(r.rejection());
        }
        return Result.driving(drive(run));
    }

    /**
     * Asks the pool's rollout to stop: after the current step when this server drives it, at once
     * otherwise. The run still driving it, if any, to follow until it stops.
     */
    synchronized AbortResult abort(String pool, Act act) {
        DrivenRollout now = driving.get(pool);
        RolloutDecision d = quiesce.rollouts().decide(pool, new RolloutCommand.Abort(now != null, act));
        if (d instanceof RolloutDecision.Rejected r) {
            return new AbortResult(r.rejection(), null);
        }
        return new AbortResult(null, now != null && now.running() ? now : null);
    }

    record Result(Rejection refusal, DrivenRollout run) {
        static Result refused(Rejection r) {
            return new Result(r, null);
        }

        static Result driving(DrivenRollout run) {
            return new Result(null, run);
        }
    }

    record AbortResult(Rejection refusal, DrivenRollout stillDriving) {
    }

    /**
     * Takes up every rollout left in progress by a process that died, exactly as {@code rollout
     * resume} would, on behalf of whoever started it. One whose patch step started without an
     * outcome is left waiting for {@code rollout resume --rerun-unfinished} or {@code rollout abort}.
     */
    void resumeUnfinished() {
        Set<String> pools;
        try {
            pools = quiesce.status().pools().keySet();
        } catch (QuiesceException e) {
            // Serving goes on: rollout resume through the server takes a rollout up later.
            log.println("quiesce: cannot look for unfinished rollouts: " + e.getMessage());
            return;
        }
        for (String pool : pools) {
            try {
                resumeUnfinished(pool);
            } catch (QuiesceException e) {
                log.println("quiesce: cannot take up the rollout of pool " + pool + ": " + e.getMessage());
            }
        }
    }

    private void resumeUnfinished(String pool) {
        RolloutState s = quiesce.rollouts().state(pool);
        if (!s.inProgressStatus() || driving.containsKey(pool)) {
            return;
        }
        Principal starter = new Principal(s.by(), Set.of(quiesce.rules().authorization().adminGroup()));
        Result r = resume(pool, false, new Act(starter, quiesce.clock().instant(), "taken up by quiesce serve at start"));
        if (r.refusal() != null) {
            log.println("quiesce: rollout " + s.number() + " of pool " + pool + " waits: refused ("
                    + r.refusal().code() + "): " + r.refusal().message());
        } else {
            log.println("quiesce: rollout " + s.number() + " of pool " + pool + " taken up where it stopped");
        }
    }

    private DrivenRollout prepare(String pool) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        DrivenRollout run = new DrivenRollout(HexFormat.of().formatHex(random), pool,
                new ProgressLog(log, "rollout " + pool + ": "));
        PatchStep shell = PatchStep.shell();
        run.runner(new RolloutRunner(quiesce.rollouts(), RolloutPrintouts.display(run.log().stream()),
                RolloutRunner.Pace.realTime(), command -> {
                    // Never interrupted once begun (an interrupted patch would be recorded as failed).
                    synchronized (run) {
                        if (closed) {
                            throw new QuiesceException("the server is stopping: the patch step waits for its next start");
                        }
                        run.patching(true);
                    }
                    try {
                        return shell.run(command);
                    } finally {
                        run.patching(false);
                    }
                }));
        return run;
    }

    private static Rejection stopping() {
        return new Rejection(RejectionCode.OVERLOADED, "the server is stopping: start or resume the rollout again"
                + " once it runs (it takes up an unfinished one by itself).");
    }

    private DrivenRollout drive(DrivenRollout run) {
        Thread thread = new Thread(() -> {
            try {
                run.ended(run.runner().drive(run.pool()), null);
            } catch (RuntimeException | Error e) {
                // Even an Error ends the run, so that nobody follows it for ever.
                ended(run, e);
                if (e instanceof Error error) {
                    throw error;
                }
            } finally {
                driving.remove(run.pool(), run);
            }
        }, "quiesce-rollout-" + run.pool());
        thread.setDaemon(true);
        // The thread is known before the run is, so that close() always finds it.
        run.thread(thread);
        runs.put(run.id(), run);
        driving.put(run.pool(), run);
        thread.start();
        return run;
    }

    /** A driver that stopped on an error: an abort landing between two steps ends it as well. */
    private void ended(DrivenRollout run, Throwable e) {
        RolloutState now = null;
        if (!closed) {
            try {
                now = quiesce.rollouts().state(run.pool());
            } catch (QuiesceException unreadable) {
                // Said below with the first error.
            }
        }
        if (now != null && !now.inProgressStatus()) {
            run.ended(now, null);
            return;
        }
        String why = closed ? "the server stopped; the rollout goes on when it starts again"
                : e.getMessage() != null ? e.getMessage() : e.toString();
        run.log().add("error: the server stopped driving the rollout: " + why);
        run.ended(now, why);
    }

    /**
     * Stops driving, leaving every rollout resumable at its step: a driver waiting for a drain or
     * taking a step on the servers is interrupted; a patch command under way is left to run, and
     * its outcome goes unrecorded (the next start asks before running it again).
     */
    @Override
    public synchronized void close() {
        closed = true;
        List<DrivenRollout> now = List.copyOf(driving.values());
        for (DrivenRollout r : now) {
            synchronized (r) {
                if (!r.patching()) {
                    r.thread().interrupt();
                }
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (DrivenRollout r : now) {
            if (r.patching()) {
                log.println("quiesce: the patch step of pool " + r.pool() + " is still running: its outcome will not"
                        + " be recorded; rollout resume " + r.pool() + " --rerun-unfinished or rollout abort "
                        + r.pool() + " decides after the next start");
                continue;
            }
            try {
                r.thread().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
