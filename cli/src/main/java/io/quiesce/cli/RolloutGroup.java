package io.quiesce.cli;

import picocli.CommandLine.Command;

/** {@code rollout plan|start|status|abort|resume}: rolling maintenance of a whole pool. */
@Command(name = "rollout", description = "Patch a whole pool server by server, keeping quorum and every call.",
        subcommands = {RolloutPlanCommand.class, RolloutStartCommand.class, RolloutStatusCommand.class,
                RolloutAbortCommand.class, RolloutResumeCommand.class})
final class RolloutGroup extends GroupCommand {
}
