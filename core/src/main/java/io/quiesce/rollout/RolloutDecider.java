package io.quiesce.rollout;

import io.quiesce.auth.Authorization;
import io.quiesce.command.Act;
import io.quiesce.rollout.RolloutCommand.Abort;
import io.quiesce.rollout.RolloutCommand.Begin;
import io.quiesce.rollout.RolloutCommand.BeginStep;
import io.quiesce.rollout.RolloutCommand.DrainTimeout;
import io.quiesce.rollout.RolloutCommand.FinishPatch;
import io.quiesce.rollout.RolloutCommand.FinishStep;
import io.quiesce.rollout.RolloutCommand.Resume;
import io.quiesce.rollout.RolloutCommand.StepRefused;
import io.quiesce.rollout.RolloutEvent.AbortRequested;
import io.quiesce.rollout.RolloutEvent.DrainTimedOut;
import io.quiesce.rollout.RolloutEvent.PatchFinished;
import io.quiesce.rollout.RolloutEvent.RolloutAborted;
import io.quiesce.rollout.RolloutEvent.RolloutCompleted;
import io.quiesce.rollout.RolloutEvent.RolloutResumed;
import io.quiesce.rollout.RolloutEvent.RolloutStarted;
import io.quiesce.rollout.RolloutEvent.StepDone;
import io.quiesce.rollout.RolloutEvent.StepStarted;
import io.quiesce.rules.RejectionCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a rollout: {@code decide(state, command)} gives the events to record or a refusal.
 * Pure. It holds the rollout to its schedule: a step is started only when it is the next one and
 * done only after it was started, so no step is taken twice; a patch step started but never
 * finished is run again only with consent.
 */
public final class RolloutDecider {
    /** Why a rollout stopped, besides the code of a refusal that stopped it. */
    public static final String PATCH_FAILED = "PATCH_FAILED";
    public static final String DRAIN_TIMEOUT = "DRAIN_TIMEOUT";
    public static final String ABORT_REQUESTED = "ABORT_REQUESTED";

    private final Authorization authorization;

    public RolloutDecider(Authorization authorization) {
        this.authorization = authorization;
    }

    public RolloutDecision decide(RolloutState s, RolloutCommand command) {
        if (command instanceof Begin c) {
            return begin(s, c);
        } else if (command instanceof BeginStep c) {
            return beginStep(s, c);
        } else if (command instanceof FinishStep c) {
            return finishStep(s, c);
        } else if (command instanceof FinishPatch c) {
            return finishPatch(s, c);
        } else if (command instanceof DrainTimeout c) {
            return drainTimeout(s, c);
        } else if (command instanceof StepRefused c) {
            return current(s, c.server(), c.step()).orElseGet(() -> accepted(s, aborted(s, c.at(),
                    c.refusal().code().name(), c.step().words() + " " + c.server() + " was refused: "
                            + c.refusal().message())));
        } else if (command instanceof Resume c) {
            return resume(s, c);
        } else if (command instanceof Abort c) {
            return abort(s, c);
        }
        throw new IllegalArgumentException("unknown rollout command: " + command);
    }

    private RolloutDecision begin(RolloutState s, Begin c) {
        Optional<RolloutDecision> unauthorized = unauthorized(c.act());
        if (unauthorized.isPresent()) {
            return unauthorized.get();
        }
        if (s.inProgressStatus()) {
            return RolloutDecision.reject(RejectionCode.ROLLOUT_IN_PROGRESS, "pool " + s.pool() + " already has rollout "
                    + s.number() + " under way, started by " + s.by() + " at " + s.started() + ": resume it with"
                    + " rollout resume, or stop it with rollout abort.");
        }
        if (c.batches().isEmpty() || c.batches().stream().anyMatch(List::isEmpty)) {
            return RolloutDecision.reject(RejectionCode.INVALID_ARGUMENT, "a rollout needs at least one server in"
                    + " every batch: plan it with rollout plan.");
        }
        return accepted(s, List.of(new RolloutStarted(c.at(), s.pool(), s.number() + 1, c.options(), c.batches(),
                c.before(), c.act().by().name(), c.act().reason())));
    }

    private RolloutDecision beginStep(RolloutState s, BeginStep c) {
        Optional<RolloutDecision> refusal = notUnderWay(s);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RolloutState.Next next = s.next().orElseThrow();
        if (s.inProgress() || !next.equals(new RolloutState.Next(c.server(), c.step()))) {
            return RolloutDecision.reject(RejectionCode.INVALID_ARGUMENT, "the next step of rollout " + s.number()
                    + " is " + next.step().words() + " " + next.server() + (s.inProgress() ? " (already started)" : "")
                    + ", not " + c.step().words() + " " + c.server() + ".");
        }
        if (s.abortRequested()) {
            return accepted(s, aborted(s, c.at(), ABORT_REQUESTED, "stopped as asked, before "
                    + c.step().words() + " " + c.server() + "."));
        }
        return accepted(s, List.of(new StepStarted(c.at(), s.pool(), s.number(), c.server(), c.step())));
    }

    private RolloutDecision finishStep(RolloutState s, FinishStep c) {
        if (c.step() == RolloutStep.PATCH) {
            return RolloutDecision.reject(RejectionCode.INVALID_ARGUMENT, "a patch step ends with its exit code.");
        }
        Optional<RolloutDecision> refusal = current(s, c.server(), c.step());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return afterDone(s, new StepDone(c.at(), s.pool(), s.number(), c.server(), c.step(), c.note()));
    }

    private RolloutDecision finishPatch(RolloutState s, FinishPatch c) {
        Optional<RolloutDecision> refusal = current(s, c.server(), RolloutStep.PATCH);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        PatchFinished finished = new PatchFinished(c.at(), s.pool(), s.number(), c.server(), c.exitCode(),
                c.outputTail(), c.duration());
        if (c.exitCode() != 0) {
            List<RolloutEvent> events = new ArrayList<>(List.of(finished));
            events.addAll(aborted(s.evolve(finished), c.at(), PATCH_FAILED, "the patch step of " + c.server()
                    + " exited with " + c.exitCode() + ": it stays offline with startup manual; fix it, then start it."));
            return accepted(s, events);
        }
        return afterDone(s, finished);
    }

    /** A step done: the rollout then completes, stops as asked, or goes on. */
    private RolloutDecision afterDone(RolloutState s, RolloutEvent done) {
        RolloutState after = s.evolve(done);
        List<RolloutEvent> events = new ArrayList<>(List.of(done));
        if (after.at() == null) {
            events.add(new RolloutCompleted(done.at(), s.pool(), s.number()));
        } else if (after.abortRequested()) {
            RolloutState.Next next = after.next().orElseThrow();
            events.addAll(aborted(after, done.at(), ABORT_REQUESTED, "stopped as asked, before "
                    + next.step().words() + " " + next.server() + "."));
        }
        return accepted(s, events);
    }

    private RolloutDecision drainTimeout(RolloutState s, DrainTimeout c) {
        Optional<RolloutDecision> refusal = current(s, c.server(), RolloutStep.DRAIN);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (s.timedOut().contains(c.server())) {
            return accepted(s, List.of());
        }
        OnTimeout then = s.options().onTimeout();
        DrainTimedOut timedOut = new DrainTimedOut(c.at(), s.pool(), s.number(), c.server(), then);
        List<RolloutEvent> events = new ArrayList<>(List.of(timedOut));
        if (then == OnTimeout.ABORT) {
            events.addAll(aborted(s.evolve(timedOut), c.at(), DRAIN_TIMEOUT, c.server() + " still had sessions after"
                    + " the drain timeout of " + s.options().drainTimeout() + ": it stays paused; wait for it to drain"
                    + " and roll it by hand, or start a new rollout with a longer --drain-timeout."));
        }
        return accepted(s, events);
    }

    private RolloutDecision resume(RolloutState s, Resume c) {
        Optional<RolloutDecision> refusal = unauthorized(c.act()).or(() -> notUnderWay(s));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RolloutState.Next next = s.next().orElseThrow();
        if (s.inProgress() && next.step() == RolloutStep.PATCH && !c.rerunUnfinished()) {
            return RolloutDecision.reject(RejectionCode.PATCH_UNFINISHED, "the patch step of " + next.server()
                    + " started at " + s.stepStarted().truncatedTo(ChronoUnit.SECONDS)
                    + " but its outcome was never recorded: check "
                    + next.server() + " by hand, then run rollout resume " + s.pool() + " --rerun-unfinished to run it"
                    + " again, or rollout abort " + s.pool() + ".");
        }
        return accepted(s, List.of(new RolloutResumed(c.at(), s.pool(), s.number(), c.act().by().name(),
                c.rerunUnfinished())));
    }

    private RolloutDecision abort(RolloutState s, Abort c) {
        Optional<RolloutDecision> refusal = unauthorized(c.act()).or(() -> notUnderWay(s));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (s.abortRequested()) {
            return accepted(s, List.of());
        }
        AbortRequested requested = new AbortRequested(c.at(), s.pool(), s.number(), c.act().by().name(),
                c.act().reason());
        List<RolloutEvent> events = new ArrayList<>(List.of(requested));
        if (!(c.driven() && s.inProgress())) {
            events.addAll(aborted(s.evolve(requested), c.at(), ABORT_REQUESTED, "aborted by " + c.act().by().name()
                    + (c.act().reason() == null ? "" : " (" + c.act().reason() + ")") + "."));
        }
        return accepted(s, events);
    }

    private static List<RolloutEvent> aborted(RolloutState s, Instant at, String code, String message) {
        return List.of(new RolloutAborted(at, s.pool(), s.number(), code, message, s.safeStates()));
    }

    private Optional<RolloutDecision> unauthorized(Act act) {
        if (authorization.mayChange(act.by())) {
            return Optional.empty();
        }
        return Optional.of(RolloutDecision.reject(RejectionCode.NOT_AUTHORIZED, act.by().name() + " is not a member of "
                + authorization.adminGroup() + ": ask an administrator to do this."));
    }

    private static Optional<RolloutDecision> notUnderWay(RolloutState s) {
        if (s.inProgressStatus() && s.next().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(RolloutDecision.reject(RejectionCode.NO_ROLLOUT, "pool " + s.pool() + " has no rollout under"
                + " way" + (s.number() == 0 ? "" : " (rollout " + s.number() + " " + s.status().name().toLowerCase(
                java.util.Locale.ROOT) + ")") + ": start one with rollout start."));
    }

    /** Refuses unless this step of this server was started and is not yet done. */
    private static Optional<RolloutDecision> current(RolloutState s, String server, RolloutStep step) {
        Optional<RolloutDecision> refusal = notUnderWay(s);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (!s.inProgress() || !s.next().orElseThrow().equals(new RolloutState.Next(server, step))) {
            return Optional.of(RolloutDecision.reject(RejectionCode.INVALID_ARGUMENT, step.words() + " " + server
                    + " is not the step under way in rollout " + s.number() + "."));
        }
        return Optional.empty();
    }

    private static RolloutDecision accepted(RolloutState s, List<RolloutEvent> events) {
        return new RolloutDecision.Accepted(events);
    }
}
