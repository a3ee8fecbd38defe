/**
 * Rolling maintenance of a pool: the schedule that keeps the capacity and quorum guards
 * ({@link io.quiesce.rollout.RolloutPlanner}) and the rollout itself as a pure decider
 * ({@link io.quiesce.rollout.RolloutDecider}) whose events say which step of which server was
 * started, done, or how the rollout ended.
 */
package io.quiesce.rollout;
