package io.quiesce.properties;

import io.quiesce.catalog.Catalog;

import java.util.Optional;

/** Every check of one decided command, invariants first; it keeps the session ledger across a run. */
final class Checker {
    private final Ledger ledger = new Ledger();
    private final Invariants invariants;
    private final Postconditions postconditions;

    Checker(Catalog catalog) {
        Lookup lookup = new Lookup(catalog);
        this.invariants = new Invariants(lookup);
        this.postconditions = new Postconditions(lookup);
    }

    Optional<Failure> check(Observation o) {
        return invariants.check(o, ledger).or(() -> postconditions.check(o));
    }
}
