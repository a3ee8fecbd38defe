package io.quiesce.history;

/** A history file that cannot be replayed; the message reads {@code FILE:LINE: reason}. */
public class HistoryException extends RuntimeException {
    private final String source;
    private final int line;
    private final String reason;

    public HistoryException(String source, int line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
