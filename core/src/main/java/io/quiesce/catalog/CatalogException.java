package io.quiesce.catalog;

/**
 * A role catalog that cannot be used. The message names the source and the fault in one
 * sentence, fit to show an operator as is: {@code my-roles.json: role "edge": service 2 has no "shortName"}.
 */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
