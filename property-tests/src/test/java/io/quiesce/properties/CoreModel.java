package io.quiesce.properties;

import io.quiesce.catalog.Catalog;
import io.quiesce.rules.Deployment;

import java.util.List;
import java.util.Optional;

/**
 * Property (a): the core model alone. Every decided command passes the invariants and the rule
 * postconditions; at each process restart the state rebuilt from the journal equals the live
 * one (I6). A decider that throws fails too.
 */
record CoreModel(Decider decider, Catalog catalog) implements Property {
    static CoreModel standard() {
        return new CoreModel(Decider.standard(), Decider.standardRules().catalog());
    }

    @Override
    public Optional<Failure> check(List<Step> steps) {
        ModelRun run = new ModelRun(decider);
        Checker checker = new Checker(catalog);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            try {
                for (Observation o : run.apply(step)) {
                    Optional<Failure> f = checker.check(o);
                    if (f.isPresent()) {
                        return at(i, f.get());
                    }
                }
                if (step instanceof Step.Reopen) {
                    Deployment rebuilt = Deployment.empty().evolve(run.journal());
                    if (!rebuilt.equals(run.state())) {
                        return at(i, new Failure("I6", "the state rebuilt from the journal differs from the live one"));
                    }
                }
            } catch (RuntimeException e) {
                return at(i, Failure.thrown(e));
            }
        }
        return Optional.empty();
    }

    static Optional<Failure> at(int index, Failure f) {
        return Failure.of(f.check(), "at step " + (index + 1) + ": " + f.message());
    }
}
