package io.quiesce.persistence;

import java.nio.file.Path;

/** The data directory cannot be used: held by another process, or not readable or writable. */
public final class DataDirectoryException extends QuiesceException {
    private final Path directory;

    public DataDirectoryException(Path directory, String message, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
