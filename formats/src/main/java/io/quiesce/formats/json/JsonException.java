package io.quiesce.formats.json;

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

    /** What is wrong, without the position; lets a caller re-anchor it (a JSON Lines file line). */
    public String problem() {
        return problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
