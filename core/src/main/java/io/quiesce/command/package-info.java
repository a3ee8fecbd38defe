/**
 * What an operator, a user's client or the clock asks of the deployment: the sealed
 * {@link io.quiesce.command.Command} records, each with the {@link io.quiesce.command.Act}
 * (who, when, why) the rules decide it on.
 */
package io.quiesce.command;
