package io.quiesce.cli;

import picocli.CommandLine.Option;

/** A change made by an administrator, who may say why; the reason is recorded with it (rule 17). */
abstract class AdminCommand extends ChangeCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded with the change.")
    String reason;

    @Override
    String reason() {
        return reason;
    }
}
