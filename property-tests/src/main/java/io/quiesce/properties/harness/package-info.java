/**
 * The project's property-test harness, small and public so that users can check their own
 * runbooks with it: draw random sequences of steps from seeds ({@link
 * io.quiesce.properties.harness.PropertyCheck}), check a {@link
 * io.quiesce.properties.harness.SequenceProperty} on each, and shrink the first failure to the
 * steps that matter ({@link io.quiesce.properties.harness.Shrinking}). JDK only.
 */
package io.quiesce.properties.harness;
