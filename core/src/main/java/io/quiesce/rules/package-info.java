/**
 * The rules: {@link io.quiesce.rules.Rules#decide} turns a command and the current
 * {@link io.quiesce.rules.Deployment} into a {@link io.quiesce.rules.Decision} (events, or a
 * rejection with a stable code and one sentence saying what to do); the deployment evolves by
 * its events. Pure functions: no clock, no I/O.
 */
package io.quiesce.rules;
