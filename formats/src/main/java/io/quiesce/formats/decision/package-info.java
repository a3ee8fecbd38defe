/**
 * The JSON shapes of what a command decided and of a server's plan, as the command line prints them
 * with {@code --json} and the server's API answers them, with services named by their short names.
 */
package io.quiesce.formats.decision;
