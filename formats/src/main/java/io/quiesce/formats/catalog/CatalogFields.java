package io.quiesce.formats.catalog;

import io.quiesce.catalog.*;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Typed access to one parsed JSON object of a catalog file. Every failure is a
 * {@link CatalogException} that starts with {@code where} (source and position in the catalog).
 */
final class CatalogFields {
    private final Map<?, ?> map;
    private final String where;

    private CatalogFields(Map<?, ?> map, String where) {
        this.map = map;
        this.where = where;
    }

    static CatalogFields of(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new CatalogException(where + " must be an object, not " + kind(value));
        }
        return new CatalogFields(map, where);
    }

    /** The same object, reported under a better name once one is known (a role's name). */
    CatalogFields at(String newWhere) {
        return new CatalogFields(map, newWhere);
    }

    String where() {
        return where;
    }

    /** Refuses unknown fields, so a misspelt optional field does not silently take its default. */
    void allowOnly(String... names) {
        List<String> allowed = List.of(names);
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new CatalogException(where + " has unknown field \"" + key + "\" (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    Optional<String> optionalString(String key) {
        return map.containsKey(key)
                ? Optional.of(nonBlankString(map.get(key), where + ": \"" + key + "\""))
                : Optional.empty();
    }

    /** A boolean that is false when absent. */
    boolean flag(String key) {
        if (!map.containsKey(key)) {
            return false;
        }
        Object value = map.get(key);
        if (!(value instanceof Boolean b)) {
            throw wrongType(key, "a boolean", value);
        }
        return b;
    }

    /** A required array with at least one element. */
    List<?> nonEmptyArray(String key) {
        if (!map.containsKey(key)) {
            throw missing(key);
        }
        List<?> list = optionalArray(key);
        if (list.isEmpty()) {
            throw new CatalogException(where + ": \"" + key + "\" must not be empty");
        }
        return list;
    }

    /** An optional array, empty when absent. */
    List<?> optionalArray(String key) {
        Object value = map.containsKey(key) ? map.get(key) : List.of();
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "an array", value);
        }
        return list;
    }

    /** An optional array of non-blank strings, empty when absent. */
    List<String> optionalStrings(String key) {
        List<?> values = optionalArray(key);
        return IntStream.range(0, values.size())
                .mapToObj(i -> nonBlankString(values.get(i), where + ": \"" + key + "\" entry " + (i + 1)))
                .toList();
    }

    private static String nonBlankString(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new CatalogException(what + " must be a string, not " + kind(value));
        }
        if (s.isBlank()) {
            throw new CatalogException(what + " must not be blank");
        }
        return s;
    }

    private CatalogException missing(String key) {
        return new CatalogException(where + " has no \"" + key + "\"");
    }

    private CatalogException wrongType(String key, String expected, Object value) {
        return new CatalogException(where + ": \"" + key + "\" must be " + expected + ", not " + kind(value));
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value instanceof List ? "an array" : "an object";
    }
}
