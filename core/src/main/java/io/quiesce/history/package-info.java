/**
 * Replaying a history (recorded events or hand-written command lines) with the same rules as the
 * live library, no actor system needed: the final state, the timeline of every service, what-if
 * startup changes, and findings such as a pause cleared by a restart or a pool left with no
 * running instance.
 */
package io.quiesce.history;
