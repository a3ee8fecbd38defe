package io.quiesce.rollout;

import io.quiesce.rollout.RolloutEvent.AbortRequested;
import io.quiesce.rollout.RolloutEvent.DrainTimedOut;
import io.quiesce.rollout.RolloutEvent.PatchFinished;
import io.quiesce.rollout.RolloutEvent.RolloutAborted;
import io.quiesce.rollout.RolloutEvent.RolloutCompleted;
import io.quiesce.rollout.RolloutEvent.RolloutResumed;
import io.quiesce.rollout.RolloutEvent.RolloutStarted;
import io.quiesce.rollout.RolloutEvent.StepDone;
import io.quiesce.rollout.RolloutEvent.StepStarted;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pool's latest rollout, as rebuilt from its events. Immutable: {@link #evolve} gives the next
 * state. The rollout walks batch by batch; within a batch, step by step; within a step, server by
 * server. {@code at} is the next step to take (null once every step is done), {@code inProgress}
 * says it was started and not yet done.
 *
 * @param timedOut servers whose drain timeout passed with sessions left
 * @param lastDone each server's last step done
 * @param ended    when it completed or aborted, or null
 * @param endCode  why it aborted (a refusal's code, {@code PATCH_FAILED}, {@code DRAIN_TIMEOUT} or
 *                 {@code ABORT_REQUESTED}), or null
 * @param left     where an aborted rollout left each server
 */
public record RolloutState(String pool, int number, RolloutStatus status, RolloutOptions options,
                           List<List<String>> batches, Map<String, ServerBefore> before, String by, String reason,
                           Instant started, Position at, boolean inProgress, Instant stepStarted,
                           boolean abortRequested, Set<String> timedOut, Map<String, RolloutStep> lastDone,
                           Map<String, PatchOutcome> patches, Instant ended, String endCode, String endMessage,
                           Map<String, SafeState> left) {
    public RolloutState {
        batches = batches.stream().map(List::copyOf).toList();
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        timedOut = Collections.unmodifiableSet(new LinkedHashSet<>(timedOut));
        lastDone = Collections.unmodifiableMap(new LinkedHashMap<>(lastDone));
        patches = Collections.unmodifiableMap(new LinkedHashMap<>(patches));
        left = Collections.unmodifiableMap(new LinkedHashMap<>(left));
    }

    /** A place in the walk: batch, step (index in {@link #steps()}), server (index in the batch). */
    public record Position(int batch, int step, int server) {
    }

    /** The next step to take. */
    public record Next(String server, RolloutStep step) {
    }

    /** A pool never rolled. */
    public static RolloutState none(String pool) {
        return new RolloutState(pool, 0, RolloutStatus.NONE, RolloutOptions.defaults(), List.of(), Map.of(), null,
                null, null, null, false, null, false, Set.of(), Map.of(), Map.of(), null, null, null, Map.of());
    }

    public boolean inProgressStatus() {
        return status == RolloutStatus.IN_PROGRESS;
    }

    /** The steps each server goes through in this rollout. */
    public List<RolloutStep> steps() {
        return RolloutStep.sequence(options.exec() != null);
    }

    /** Every server of the rollout, in schedule order. */
    public List<String> servers() {
        return batches.stream().flatMap(List::stream).toList();
    }

    /** The step to take now (or being taken), if the rollout is under way and not at its end. */
    public Optional<Next> next() {
        if (status != RolloutStatus.IN_PROGRESS || at == null) {
            return Optional.empty();
        }
        return Optional.of(new Next(batches.get(at.batch()).get(at.server()), steps().get(at.step())));
    }

    /** Where the rollout has left this server so far. */
    public SafeState safeState(String server) {
        PatchOutcome patch = patches.get(server);
        if (patch != null && !patch.succeeded()) {
            return SafeState.OFFLINE_PATCH_FAILED;
        }
        Optional<Next> current = next();
        RolloutStep last = lastDone.get(server);
        if (inProgress && current.isPresent() && current.get().server().equals(server)) {
            if (current.get().step() == RolloutStep.PATCH) {
                return SafeState.OFFLINE_PATCH_UNFINISHED;
            }
            // A step cut short by a crash may have taken effect: name the state as if it had.
            last = current.get().step();
        }
        if (last == null) {
            return SafeState.UNTOUCHED;
        }
        boolean patched = patch != null;
        return switch (last) {
            case MANUAL_STARTUP -> SafeState.RUNNING_STARTUP_MANUAL;
            case PAUSE, DRAIN -> SafeState.PAUSED_STARTUP_MANUAL;
            case STOP -> SafeState.OFFLINE_STARTUP_MANUAL;
            case PATCH -> SafeState.OFFLINE_PATCHED;
            case START, RESUME -> patched ? SafeState.RUNNING_PATCHED_STARTUP_MANUAL : SafeState.RUNNING_STARTUP_MANUAL;
            case RESTORE_STARTUP -> SafeState.ROLLED;
        };
    }

    /** Every server's safe state, in schedule order. */
    public Map<String, SafeState> safeStates() {
        Map<String, SafeState> states = new LinkedHashMap<>();
        servers().forEach(s -> states.put(s, safeState(s)));
        return states;
    }

    public RolloutState evolve(List<? extends RolloutEvent> events) {
        RolloutState next = this;
        for (RolloutEvent e : events) {
            next = next.evolve(e);
        }
        return next;
    }

    public RolloutState evolve(RolloutEvent event) {
        if (event instanceof RolloutStarted e) {
            return new RolloutState(pool, e.number(), RolloutStatus.IN_PROGRESS, e.options(), e.batches(), e.before(),
                    e.by(), e.reason(), e.at(), e.batches().isEmpty() ? null : new Position(0, 0, 0), false, null,
                    false, Set.of(), Map.of(), Map.of(), null, null, null, Map.of());
        } else if (event instanceof StepStarted e) {
            return with(at, true, e.at(), abortRequested, timedOut, lastDone, patches);
        } else if (event instanceof StepDone e) {
            return done(e.server(), e.step(), patches);
        } else if (event instanceof DrainTimedOut e) {
            Set<String> t = new LinkedHashSet<>(timedOut);
            t.add(e.server());
            return with(at, inProgress, stepStarted, abortRequested, t, lastDone, patches);
        } else if (event instanceof PatchFinished e) {
            Map<String, PatchOutcome> p = new LinkedHashMap<>(patches);
            p.put(e.server(), new PatchOutcome(e.exitCode(), e.outputTail(), e.duration()));
            return e.exitCode() == 0 ? done(e.server(), RolloutStep.PATCH, p)
                    : with(at, inProgress, stepStarted, abortRequested, timedOut, lastDone, p);
        } else if (event instanceof RolloutResumed e) {
            boolean rerun = e.rerunUnfinished() && inProgress && next().map(n -> n.step() == RolloutStep.PATCH)
                    .orElse(false);
            return rerun ? with(at, false, null, abortRequested, timedOut, lastDone, patches) : this;
        } else if (event instanceof AbortRequested) {
            return with(at, inProgress, stepStarted, true, timedOut, lastDone, patches);
        } else if (event instanceof RolloutAborted e) {
            return new RolloutState(pool, number, RolloutStatus.ABORTED, options, batches, before, by, reason, started,
                    at, inProgress, stepStarted, abortRequested, timedOut, lastDone, patches, e.at(), e.code(),
                    e.message(), e.left());
        } else if (event instanceof RolloutCompleted e) {
            return new RolloutState(pool, number, RolloutStatus.COMPLETED, options, batches, before, by, reason,
                    started, null, false, null, abortRequested, timedOut, lastDone, patches, e.at(), null, null,
                    Map.of());
        }
        throw new IllegalArgumentException("unknown rollout event: " + event);
    }

    private RolloutState done(String server, RolloutStep step, Map<String, PatchOutcome> p) {
        Map<String, RolloutStep> last = new LinkedHashMap<>(lastDone);
        last.put(server, step);
        return with(advance(), false, null, abortRequested, timedOut, last, p);
    }

    /** The position after {@code at}: next server of the step, next step of the batch, next batch, or null. */
    private Position advance() {
        if (at.server() + 1 < batches.get(at.batch()).size()) {
            return new Position(at.batch(), at.step(), at.server() + 1);
        } else if (at.step() + 1 < steps().size()) {
            return new Position(at.batch(), at.step() + 1, 0);
        } else if (at.batch() + 1 < batches.size()) {
            return new Position(at.batch() + 1, 0, 0);
        }
        return null;
    }

    private RolloutState with(Position position, boolean progress, Instant stepAt, boolean abort, Set<String> t,
                              Map<String, RolloutStep> last, Map<String, PatchOutcome> p) {
        return new RolloutState(pool, number, status, options, batches, before, by, reason, started, position,
                progress, stepAt, abort, t, last, p, ended, endCode, endMessage, left);
    }
}
