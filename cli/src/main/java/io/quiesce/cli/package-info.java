/**
 * The {@code quiesce} command line: one subcommand per operator action or report, each opening
 * the data directory, doing one thing and closing it, with text or {@code --json} output and
 * stable exit codes.
 */
package io.quiesce.cli;
