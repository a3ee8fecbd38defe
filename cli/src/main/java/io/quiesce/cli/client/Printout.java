package io.quiesce.cli.client;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one command-line call prints and returns: the server renders it with the command line's own
 * renderers, so a call through a server prints exactly what a direct call prints.
 *
 * @param exit the exit code of the call
 * @param out  everything for stdout
 * @param err  everything for stderr
 */
public record Printout(int exit, String out, String err) {
    /** Writes it to the streams and gives the exit code. */
    public int print(PrintStream stdout, PrintStream stderr) {
        stdout.print(out);
        stdout.flush();
        stderr.print(err);
        stderr.flush();
        return exit;
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exit", exit);
        m.put("out", out);
        m.put("err", err);
        return m;
    }

    /** Reads back {@link #json()}; null when the object is not one. */
    static Printout of(Object json) {
        if (json instanceof Map<?, ?> m && m.get("exit") instanceof Number exit && m.get("out") instanceof String out
                && m.get("err") instanceof String err) {
            return new Printout(exit.intValue(), out, err);
        }
        return null;
    }
}
