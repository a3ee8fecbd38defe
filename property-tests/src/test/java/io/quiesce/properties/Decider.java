package io.quiesce.properties;

import io.quiesce.catalog.Catalog;
import io.quiesce.auth.Authorization;
import io.quiesce.command.Command;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rules;

/**
 * The rules under test, as a function: the real {@link Rules}, or a wrapper that plants a bug so
 * the properties can be shown to catch it.
 */
@FunctionalInterface
interface Decider {
    Decision decide(Deployment deployment, Command command);

    /** The project's rules with the default catalog and administrators group. */
    static Rules standardRules() {
        return new Rules(Catalog.defaults(), Authorization.defaults());
    }

    static Decider standard() {
        return standardRules()::decide;
    }
}
