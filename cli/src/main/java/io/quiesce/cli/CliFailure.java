package io.quiesce.cli;

/**
 * A failure the command line explains in one line and turns into an exit code; never shown as a
 * stack trace.
 */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliFailure badInput(String message) {
        return new CliFailure(ExitCode.BAD_INPUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
