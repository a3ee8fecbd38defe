package io.quiesce.properties;

import java.util.List;
import java.util.Optional;

/** Runs one whole sequence from a fresh start and says how it failed, if it did. */
@FunctionalInterface
interface Property {
    Optional<Failure> check(List<Step> steps);
}
