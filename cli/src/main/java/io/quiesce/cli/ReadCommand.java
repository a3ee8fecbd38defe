package io.quiesce.cli;

import io.quiesce.Quiesce;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A subcommand that only reads: open to everyone (rule 16). */
abstract class ReadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    abstract int read(Quiesce quiesce, Output out);

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        try (Quiesce quiesce = root.open()) {
            return read(quiesce, root.output());
        }
    }
}
