package io.quiesce;

import java.nio.file.Path;

/** The data directory cannot be used: held by another process, or not readable or writable. */
public final class DataDirectoryException extends QuiesceException {
    private final Path directory;

    /** The directory {@code directory} cannot be used, for the reason in {@code message}. */
    public DataDirectoryException(Path directory, String message, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    /** The data directory that cannot be used. */
    public Path directory() {
        return directory;
    }
}
