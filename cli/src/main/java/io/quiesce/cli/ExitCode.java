package io.quiesce.cli;

import io.quiesce.rules.RejectionCode;

/** The exit codes of docs/cli.md. */
public final class ExitCode {
    public static final int DONE = 0;
    /** Not in the contract: a fault of the tool itself. */
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;
    public static final int REFUSED = 3;
    public static final int NOT_AUTHORIZED = 4;
    public static final int DATA_DIRECTORY = 5;

    private ExitCode() {
    }

    public static int of(RejectionCode code) {
        return switch (code.kind()) {
            case BAD_INPUT -> BAD_INPUT;
            case RULE -> REFUSED;
            case NOT_AUTHORIZED -> NOT_AUTHORIZED;
        };
    }
}
