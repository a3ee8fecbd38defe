package io.quiesce.cli.demo;


import java.io.PrintStream;

/**
 * A line that shows progress, redrawn in place on a terminal. Elsewhere (a pipe, a log, a test)
 * it prints nothing, so output stays short; callers print what it came to.
 */
final class ProgressLine {
    private static final int BAR_WIDTH = 20;

    private final PrintStream out;
    private final boolean interactive;
    private int shown;

    ProgressLine(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    void show(String text) {
        if (interactive) {
            out.print("\r" + padded(text));
            out.flush();
        }
    }

    /** Blanks the line, so that other output can follow from its start. */
    void clear() {
        if (interactive && shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            out.flush();
            shown = 0;
        }
    }

    /** "[#######.............]" for a fraction from 0 to 1. */
    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    private String padded(String text) {
        // A shorter line must blank out the rest of the longer one it replaces.
        String line = text.length() < shown ? text + " ".repeat(shown - text.length()) : text;
        shown = text.length();
        return line;
    }
}
