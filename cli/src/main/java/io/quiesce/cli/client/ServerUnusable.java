package io.quiesce.cli.client;

/** The server could not be reached or did not answer as a Quiesce server does: the call cannot be made. */
public final class ServerUnusable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
