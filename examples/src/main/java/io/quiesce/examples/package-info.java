/**
 * How to embed the library: an admin tool that waits for a listener to say a server is drained
 * before taking it offline, and a user's own patch runbook, property-tested in this module's
 * tests with the project's harness.
 */
package io.quiesce.examples;
