package io.quiesce.catalog;

import io.quiesce.text.OneLine;

/**
 * A role catalog that cannot be used. The message names the source and the fault in one
 * sentence, fit to show an operator as is: {@code my-roles.json: role "edge": service 2 has no "shortName"}.
 * Names quoted from the file keep it on one line: their control characters are escaped.
 */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A catalog refused for the reason in {@code message}. */
    public CatalogException(String message) {
        super(OneLine.escapeControls(message));
    }

    /** A catalog refused for the reason in {@code message}, caused by {@code cause}. */
    public CatalogException(String message, Throwable cause) {
        super(OneLine.escapeControls(message), cause);
    }
}
