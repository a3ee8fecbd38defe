package io.quiesce.formats.history;

/** What is wrong with one line, before the file name and line number are known. */
final class LineFormatException extends RuntimeException {
    LineFormatException(String reason) {
        super(reason);
    }
}
