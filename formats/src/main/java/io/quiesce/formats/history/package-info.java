/**
 * Histories as JSON Lines: event lines as recorded and exported, command lines of a hand-written
 * scenario, the replay's JSON and its HTML report.
 */
package io.quiesce.formats.history;
