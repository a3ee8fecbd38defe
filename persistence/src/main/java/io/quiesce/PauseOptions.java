package io.quiesce;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a pause goes: whether sessions get a deadline, and whether the guards may be overridden.
 * Start from {@link #untilDrained()} or {@link #withDeadline(Duration)}; add {@link #forced()}.
 */
public final class PauseOptions {
    private static final PauseOptions UNTIL_DRAINED = new PauseOptions(null, Force.NO);

    private final Duration deadline;
    private final Force force;

    private PauseOptions(Duration deadline, Force force) {
        this.deadline = deadline;
        this.force = force;
    }

    /** Sessions may take as long as they need: the default of a pause. */
    public static PauseOptions untilDrained() {
        return UNTIL_DRAINED;
    }

    /** Sessions still on {@code deadline} after the pause are interrupted (by the library's clock). */
    public static PauseOptions withDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new PauseOptions(deadline, Force.NO);
    }

    /** The same options, going ahead even if the pool is left with no running instance. */
    public PauseOptions forced() {
        return new PauseOptions(deadline, Force.YES);
    }

    /** How long sessions may continue; empty: until they end. */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Whether the pause overrides the guards. */
    public Force force() {
        return force;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PauseOptions p && Objects.equals(deadline, p.deadline) && force == p.force;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deadline, force);
    }

    @Override
    public String toString() {
        return "PauseOptions[deadline=" + deadline + ", force=" + force + "]";
    }
}
