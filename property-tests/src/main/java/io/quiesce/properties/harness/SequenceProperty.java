package io.quiesce.properties.harness;

import java.util.List;
import java.util.Optional;

/**
 * What every sequence must satisfy. Each check runs the whole sequence from a fresh start, so
 * that shrinking can run any part of it on its own.
 *
 * @param <T> a step of the sequence
 */
@FunctionalInterface
public interface SequenceProperty<T> {
    /** Runs {@code steps}: empty when the property holds, else how it was violated. */
    Optional<Violation> check(List<T> steps);
}
