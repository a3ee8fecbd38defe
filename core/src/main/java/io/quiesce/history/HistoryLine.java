package io.quiesce.history;

import io.quiesce.command.Command;
import io.quiesce.event.Event;

import java.time.Instant;

/** One line of a history file: an event as recorded, or a command to decide at its time. */
public sealed interface HistoryLine {
    /** The line number in the file, counted from 1. */
    int number();

    /** When the line says it happened. */
    Instant at();

    /** A recorded event, as exported. */
    record EventLine(int number, Event event) implements HistoryLine {
        @Override
        public Instant at() {
            return event.at();
        }
    }

    /** A command of a hand-written scenario, decided by the rules on replay. */
    record CommandLine(int number, Command command) implements HistoryLine {
        @Override
        public Instant at() {
            return command.at();
        }
    }
}
