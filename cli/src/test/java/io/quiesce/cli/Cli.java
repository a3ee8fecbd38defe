package io.quiesce.cli;

import io.quiesce.formats.json.JsonText;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line in this JVM, as the OS user "alice", with the given environment: each
 * run opens the data directory, does one thing and closes it, as a real invocation does.
 */
final class Cli {
    /** What one invocation printed and returned. */
    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) JsonText.parse(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A JSON object read by {@link Result#json()}, to assert on. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    /** A JSON array read by {@link Result#json()}. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object json) {
        return (List<Object>) json;
    }

    private final Map<String, String> variables;
    private final Path workingDirectory;

    private Cli(Map<String, String> variables, Path workingDirectory) {
        this.variables = Map.copyOf(variables);
        this.workingDirectory = workingDirectory;
    }

    /** An administrator's shell: $QUIESCE_DATA set to {@code data}, $QUIESCE_GROUPS to Administrators. */
    static Cli administrator(Path data) {
        return new Cli(Map.of("QUIESCE_DATA", data.toString(), "QUIESCE_GROUPS", "Administrators"), data.getParent());
    }

    /** A shell with only these variables, in {@code workingDirectory}. */
    static Cli in(Path workingDirectory, Map<String, String> variables) {
        return new Cli(variables, workingDirectory);
    }

    Cli with(String variable, String value) {
        Map<String, String> next = new HashMap<>(variables);
        next.put(variable, value);
        return new Cli(next, workingDirectory);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = QuiesceCli.run(args, new Environment(variables, "alice", workingDirectory, false),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
