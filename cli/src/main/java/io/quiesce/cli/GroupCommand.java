package io.quiesce.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command that only groups others ({@code pool}, {@code server}): alone, it is a usage error. */
abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        root.output().error("usage error: '" + spec.qualifiedName() + "' needs a subcommand: "
                + String.join(", ", spec.subcommands().keySet()) + " (see '" + spec.qualifiedName() + " --help').");
        return ExitCode.BAD_INPUT;
    }
}
