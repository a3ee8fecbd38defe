/**
 * {@code quiesce demo} and {@code quiesce simulate}: simulated users on a data directory in
 * simulated time, and the scripted maintenance night the demo tells.
 */
package io.quiesce.cli.demo;
