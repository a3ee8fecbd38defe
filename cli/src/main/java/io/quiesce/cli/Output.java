package io.quiesce.cli;

import io.quiesce.cli.client.Printout;
import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.Warning;
import io.quiesce.rules.WarningCode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where results and complaints go: results on stdout (human text, or JSON with {@code --json}),
 * refusals and errors on stderr as one line each.
 */
public final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final String indent;
    /** The last refusal printed, so that an HTTP answer can carry its code apart from the text. */
    private String refusalCode;
    private String refusalMessage;

    public Output(PrintStream out, PrintStream err, boolean json) {
        this(out, err, json, "");
    }

    /** Every line prefixed with {@code indent}: results shown inside the demo's or a simulation's story. */
    public Output(PrintStream out, PrintStream err, boolean json, String indent) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.indent = indent;
    }

    public boolean json() {
        return json;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** What a server answered, printed as it is: it was rendered by the same code as a direct call. */
    int print(Printout printout) {
        return printout.print(out, err);
    }

    public void line(String text) {
        out.println(indent + text);
    }

    void lines(List<String> text) {
        text.forEach(this::line);
    }

    public void json(Object value) {
        out.println(JsonText.write(value));
    }

    /**
     * Human mode only: JSON output carries warnings in its own "warnings" array. A whole-server
     * command can warn the same way about each of nine services; past two of a kind, one line
     * stands for the rest.
     */
    public void warnings(List<Warning> warnings) {
        if (!json) {
            lines(warningLines(warnings));
        }
    }

    static List<String> warningLines(List<Warning> warnings) {
        Map<WarningCode, List<Warning>> byCode = new LinkedHashMap<>();
        warnings.forEach(w -> byCode.computeIfAbsent(w.code(), c -> new ArrayList<>()).add(w));
        List<String> lines = new ArrayList<>();
        byCode.values().forEach(same -> {
            if (same.size() > 2) {
                lines.add("warning: " + same.get(0).message());
                lines.add("warning: ... and " + (same.size() - 1) + " more like it for other services (--json lists them).");
            } else {
                same.forEach(w -> lines.add("warning: " + w.message()));
            }
        });
        return lines;
    }

    public void refused(Rejection rejection) {
        refused(rejection.code().name(), rejection.message());
    }

    void refused(String code, String message) {
        refusalCode = code;
        refusalMessage = message;
        error("refused (" + code + "): " + message);
    }

    /** The code of the last refusal printed; null when there was none. */
    String refusalCode() {
        return refusalCode;
    }

    String refusalMessage() {
        return refusalMessage;
    }

    public void error(String message) {
        err.println(indent + message);
    }
}
