package io.quiesce.formats.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of a user's file (a catalog, a history line), read strictly: typed reads of its
 * fields, and a refusal of any field nobody asked for, so a misspelt optional field does not
 * silently take its default. Every fault is a {@link ShapeException} that starts with
 * {@code where} (the file and the place in it, or the command or event a line holds).
 *
 * <p>Fields are kept in two small arrays, not a map: a history line has a handful of them and is
 * read once.
 */
public final class StrictObject {
    private String[] names;
    private Object[] values;
    private int size;
    private final String where;
    /** The fields asked for, in the order they were (repeats too): the allowed ones, when the rest is refused. */
    private String[] asked = new String[8];
    private int askedCount;
    /** Which of the fields were asked for, by index: a line has fewer than 64. */
    private long read;
    /** The names read, once an object has too many for a search. */
    private Set<String> nameSet;

    private StrictObject(String[] names, Object[] values, int size, String where) {
        this.names = names;
        this.values = values;
        this.size = size;
        this.where = where;
    }

    /**
     * Reads the object at the parser's current token, {@code START_OBJECT}; nested values become
     * plain values as {@link JsonText#parse} makes them.
     */
    public static StrictObject read(JsonParser p, String where) throws IOException {
        StrictObject o = new StrictObject(new String[8], new Object[8], 0, where);
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = JsonText.text(p, p.currentName());
            if (o.contains(name)) {
                throw JsonText.duplicate(p, name);
            }
            JsonToken v = p.nextToken();
            Object value = v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY
                    ? JsonText.value(p, v) : JsonText.scalar(p, v);
            o.add(name, value);
        }
        return o;
    }

    /** A value read by {@link JsonText#parse} that must be an object. */
    public static StrictObject of(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ShapeException(where + " must be an object, not " + kind(value));
        }
        StrictObject o = new StrictObject(new String[Math.max(1, map.size())], new Object[Math.max(1, map.size())],
                0, where);
        map.forEach((k, v) -> o.add((String) k, v));
        return o;
    }

    /** Whether a field of this name was read already; objects of lines are small, larger ones get a set. */
    private boolean contains(String name) {
        if (size <= 16) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return true;
                }
            }
            return false;
        }
        if (nameSet == null) {
            nameSet = new HashSet<>(Arrays.asList(names).subList(0, size));
        }
        return !nameSet.add(name);
    }

    private void add(String name, Object value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    /** The same fields, reported under a better name once one is known (a role's name). */
    public StrictObject at(String newWhere) {
        return new StrictObject(names, values, size, newWhere);
    }

    public String where() {
        return where;
    }

    /** Whether the object has this field (even null); asking counts as reading it. */
    public boolean has(String key) {
        return index(key) >= 0;
    }

    private int index(String key) {
        if (askedCount == asked.length) {
            asked = Arrays.copyOf(asked, askedCount * 2);
        }
        asked[askedCount++] = key;
        for (int i = 0; i < size; i++) {
            // Jackson interns field names, so identity mostly decides
            if (names[i] == key || names[i].equals(key)) {
                if (i < 64) {
                    read |= 1L << i;
                }
                return i;
            }
        }
        return -1;
    }

    public String string(String key) {
        int i = index(key);
        if (i < 0) {
            throw missing(key);
        }
        return nonBlankString(values[i], where + ": \"" + key + "\"");
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(optionalString(key, null));
    }

    /** A non-blank string, or {@code otherwise} when the field is absent. */
    public String optionalString(String key, String otherwise) {
        int i = index(key);
        return i < 0 ? otherwise : nonBlankString(values[i], where + ": \"" + key + "\"");
    }

    /** A string, blank or not (names in recorded events are kept as they were recorded). */
    public String text(String key) {
        int i = index(key);
        if (i < 0 || values[i] == null) {
            throw missing(key);
        }
        return text(key, values[i]);
    }

    /** A string, or null when the field is absent or null. */
    public String optionalText(String key) {
        int i = index(key);
        return i < 0 || values[i] == null ? null : text(key, values[i]);
    }

    private String text(String key, Object value) {
        if (!(value instanceof String s)) {
            throw wrongType(key, "a string", value);
        }
        return s;
    }

    public boolean bool(String key) {
        int i = index(key);
        if (i < 0) {
            throw missing(key);
        }
        return bool(key, values[i]);
    }

    /** A boolean, or {@code otherwise} when the field is absent. */
    public boolean optionalBool(String key, boolean otherwise) {
        int i = index(key);
        return i < 0 ? otherwise : bool(key, values[i]);
    }

    private boolean bool(String key, Object value) {
        if (!(value instanceof Boolean b)) {
            throw wrongType(key, "a boolean", value);
        }
        return b;
    }

    public Instant instant(String key) {
        return instant(key, text(key));
    }

    /** An instant, or null when the field is absent or null. */
    public Instant optionalInstant(String key) {
        String text = optionalText(key);
        return text == null ? null : instant(key, text);
    }

    private Instant instant(String key, String text) {
        Instant at = Instants.parse(text);
        if (at == null) {
            throw new ShapeException(where + ": \"" + key + "\" is not an ISO-8601 instant: " + text);
        }
        return at;
    }

    /** One of an enum's constants, named in any case. */
    public <E extends Enum<E>> E constant(String key, Class<E> type) {
        String text = text(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new ShapeException(where + ": \"" + key + "\" cannot be " + text);
    }

    /** A required array with at least one element. */
    public List<?> nonEmptyArray(String key) {
        if (index(key) < 0) {
            throw missing(key);
        }
        List<?> list = optionalArray(key);
        if (list.isEmpty()) {
            throw new ShapeException(where + ": \"" + key + "\" must not be empty");
        }
        return list;
    }

    /** An optional array, empty when absent. */
    public List<?> optionalArray(String key) {
        int i = index(key);
        Object value = i >= 0 ? values[i] : List.of();
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "an array", value);
        }
        return list;
    }

    /** A required array of non-blank strings (it may be empty). */
    public List<String> strings(String key) {
        if (index(key) < 0) {
            throw missing(key);
        }
        return optionalStrings(key);
    }

    /** An optional array of non-blank strings, empty when absent. */
    public List<String> optionalStrings(String key) {
        List<?> values = optionalArray(key);
        List<String> strings = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            strings.add(nonBlankString(values.get(i), where + ": \"" + key + "\" entry " + (i + 1)));
        }
        return strings;
    }

    /** Refuses the fields not among {@code names}. */
    public void allowOnly(String... names) {
        askedCount = 0;
        read = 0;
        for (String name : names) {
            index(name);
        }
        refuseOthers();
    }

    /** Refuses every field that no read asked for. */
    public void refuseOthers() {
        for (int i = 0; i < size; i++) {
            if (i >= 64 ? !Arrays.asList(asked).subList(0, askedCount).contains(names[i]) : (read & 1L << i) == 0) {
                Set<String> allowed = new LinkedHashSet<>(Arrays.asList(asked).subList(0, askedCount));
                throw new ShapeException(where + " has unknown field \"" + names[i] + "\" (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String nonBlankString(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new ShapeException(what + " must be a string, not " + kind(value));
        }
        if (s.isBlank()) {
            throw new ShapeException(what + " must not be blank");
        }
        return s;
    }

    private ShapeException missing(String key) {
        return new ShapeException(where + " has no \"" + key + "\"");
    }

    private ShapeException wrongType(String key, String expected, Object value) {
        return new ShapeException(where + ": \"" + key + "\" must be " + expected + ", not " + kind(value));
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
        if (value instanceof Long || value instanceof BigDecimal) {
            return "a number";
        }
        return value instanceof List ? "an array" : "an object";
    }
}
