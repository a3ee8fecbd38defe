package io.quiesce.formats.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;


/**
 * Text that is not valid JSON. The message leads with the position so an operator can go
 * straight to the fault: {@code line 3, column 14: expected ':' after object key}.
 */
public class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int line;
    private final int column;

    /**
     * @param problem what is wrong, without the position
     * @param line    1-based line of the fault
     * @param column  1-based column of the fault, counted in UTF-16 chars
     */
    public JsonException(String problem, int line, int column) {
        super("line " + line + ", column " + column + ": " + problem);
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /**
     * Jackson's complaint about {@code text}, in the words an operator reads: the common faults
     * (a missing colon, a trailing comma, an unquoted key, deep nesting) as
     * Quiesce has always named them, the others as Jackson does, without its source excerpt.
     */
    public static JsonException of(JsonProcessingException e, String text) {
        JsonLocation at = e.getLocation();
        if (at == null && e.getProcessor() instanceof JsonParser p) {
            at = p.currentLocation();
        }
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException && message.startsWith("Document nesting depth")) {
            return at(text, tooDeep(text), "nesting deeper than " + JsonText.MAX_DEPTH + " levels");
        }
        int offset = offset(text, line, column);
        char found = offset < text.length() ? text.charAt(offset) : '\0';
        int before = previousNonBlank(text, offset);
        if ((found == '}' || found == ']') && before >= 0 && text.charAt(before) == ','
                && (message.contains("double-quote to start field name") || message.contains("expected a valid value"))) {
            return at(text, before, "trailing comma before '" + found + "'");
        }
        String problem;
        if (message.contains("was expecting a colon")) {
            problem = "expected ':' after object key";
        } else if (message.contains("double-quote to start field name")) {
            problem = "expected a double-quoted object key";
        } else if (message.startsWith("Unexpected end-of-input")) {
            problem = "unexpected end of input";
        } else {
            int source = message.indexOf(" (start marker at [Source");
            problem = source < 0 ? message : message.substring(0, source);
        }
        return new JsonException(problem, line, column);
    }

    private static JsonException at(String text, int offset, String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(problem, line, offset - lineStart + 1);
    }

    /** The char offset of a 1-based line and column. */
    private static int offset(String text, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int next = text.indexOf('\n', start);
            if (next < 0) {
                break;
            }
            start = next + 1;
        }
        return Math.min(text.length(), start + column - 1);
    }

    /** Where the first bracket or brace too deep opens (Jackson does not say). */
    private static int tooDeep(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > JsonText.MAX_DEPTH) {
                    return i;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return 0;
    }

    private static int previousNonBlank(String text, int offset) {
        int i = Math.min(offset, text.length()) - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\n' || text.charAt(i) == '\r'
                || text.charAt(i) == '\t')) {
            i--;
        }
        return i;
    }

    /** What is wrong, without the position; lets a caller re-anchor it (a JSON Lines file line). */
    public String problem() {
        return problem;
    }

    /** The line of the problem, from 1. */
    public int line() {
        return line;
    }

    /** The column of the problem on its line, from 1, in UTF-16 chars. */
    public int column() {
        return column;
    }
}
