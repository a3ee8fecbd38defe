package io.quiesce.cli.demo;


import io.quiesce.command.Command;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * An operator's command in a simulation, {@code offset} into the run.
 *
 * @param text    the step as the command line would say it, to show
 * @param command the core command, decided at the simulated time given
 */
record ScheduledStep(Duration offset, String text, Function<Instant, Command> command) {
}
