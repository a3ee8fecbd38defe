package io.quiesce.history;

import io.quiesce.text.OneLine;

/**
 * A history file that cannot be replayed; the message reads {@code FILE:LINE: reason}, on one line:
 * control characters of values quoted from the file are escaped.
 */
public class HistoryException extends RuntimeException {
    private final String source;
    private final int line;
    private final String reason;

    /** A history refused at {@code line} of {@code source}, for {@code reason}. */
    public HistoryException(String source, int line, String reason) {
        super(OneLine.escapeControls(source + ":" + line + ": " + reason));
        this.source = source;
        this.line = line;
        this.reason = OneLine.escapeControls(reason);
    }

    /** The file (or other source) of the history. */
    public String source() {
        return source;
    }

    /** The line refused, counted from 1. */
    public int line() {
        return line;
    }

    /** Why, in one sentence. */
    public String reason() {
        return reason;
    }
}
