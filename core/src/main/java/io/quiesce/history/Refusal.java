package io.quiesce.history;

import io.quiesce.rules.Rejection;

import java.time.Instant;

/** A command line of the history that the rules refused. */
public record Refusal(int line, Instant at, String command, Rejection rejection) {
}
