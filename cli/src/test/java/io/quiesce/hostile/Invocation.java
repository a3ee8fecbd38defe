package io.quiesce.hostile;

import io.quiesce.cli.Environment;
import io.quiesce.cli.QuiesceCli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One in-process run of the command line, as user "alice" in {@code workingDirectory}. Whatever
 * reaches the JVM's own stdout or stderr meanwhile (a log line, a stray stack trace) is counted as
 * printed by the command, since a real invocation would show it to the user.
 */
record Invocation(String[] args, int exit, String out, String err) {
    private static final Set<Integer> CONTRACT_EXITS = Set.of(0, 2, 3, 4, 5);
    /** A Java class name such as NullPointerException or java.io.IOError: an exception dumped as is. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b");

    static synchronized Invocation run(Path workingDirectory, Map<String, String> variables, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        PrintStream strayOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream strayErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit;
        try {
            System.setOut(strayOut);
            System.setErr(strayErr);
            exit = QuiesceCli.run(args, new Environment(variables, "alice", workingDirectory, false), strayOut,
                    strayErr);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new Invocation(args.clone(), exit, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The lines of stderr, as a terminal shows them. */
    long errLines() {
        return err.lines().count();
    }

    /** True when an argument holds a line break: a message that quotes it back spans lines, fairly. */
    boolean argumentsSpanLines() {
        return Arrays.stream(args).anyMatch(a -> a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0);
    }

    /**
     * What every invocation owes its user (docs/cli.md): an exit code of the contract (1 is a fault of
     * the tool), no stack trace or exception dump, and a reason on stderr for every failure.
     */
    void assertContract(String context) {
        assertThat(exit).as(context + "\n" + this).isIn(CONTRACT_EXITS);
        assertThat(out + err).as(context + "\n" + this).doesNotContain("\tat ").doesNotContainPattern(CLASS_NAME);
        if (exit != 0) {
            assertThat(err).as(context + ": a failure says why on stderr\n" + this).isNotBlank();
        }
    }

    @Override
    public String toString() {
        return "quiesce " + Printable.args(args) + "\nexit " + exit + "\n--- stdout\n" + Printable.abbreviate(out)
                + "--- stderr\n" + Printable.abbreviate(err);
    }
}
