package io.quiesce.cli.serve;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress lines of a rollout driven by the server, numbered from 0, kept for the command line
 * that follows it (and echoed into the server's own log). A rollout has a few lines per step, so
 * keeping them all is small.
 */
final class ProgressLog {
    private final List<String> lines = new ArrayList<>();
    private final PrintStream echo;
    private final String prefix;

    ProgressLog(PrintStream echo, String prefix) {
        this.echo = echo;
        this.prefix = prefix;
    }

    synchronized void add(String line) {
        lines.add(line);
        echo.println(prefix + line);
    }

    /** The lines from number {@code from} on. */
    synchronized List<String> from(int from) {
        return List.copyOf(lines.subList(Math.min(Math.max(from, 0), lines.size()), lines.size()));
    }

    synchronized int size() {
        return lines.size();
    }

    /** A stream whose every line becomes one line of the log: what the progress display writes to. */
    PrintStream stream() {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
