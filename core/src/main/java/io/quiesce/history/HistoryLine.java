package io.quiesce.history;

import io.quiesce.command.Command;
import io.quiesce.event.Event;

import java.time.Instant;

/** One line of a history file: an event as recorded, or a command to decide at its time. */
public sealed interface HistoryLine {
    int number();

    Instant at();

    record EventLine(int number, Event event) implements HistoryLine {
        @Override
        public Instant at() {
            return event.at();
        }
    }

    record CommandLine(int number, Command command) implements HistoryLine {
        @Override
        public Instant at() {
            return command.at();
        }
    }
}
