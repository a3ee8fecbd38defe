package io.quiesce.rules;

import io.quiesce.text.Names;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deployment's pools or servers by name, in {@link Names#ORDER}, looked up in any case: an
 * immutable map where replacing one value copies an array of a few references, and the names
 * (with an index of their exact spellings) are shared by every version until one is added. A
 * replay replaces a server at nearly every line; a sorted map copied each time cost more than
 * the rest of folding the line. (Read-only as a {@link Map}.)
 *
 * @param <V> the pools or servers
 */
final class ByName<V> extends AbstractMap<String, V> {
    /** Up to this many names, a name as spelled is found by comparing it with each. */
    private static final int LINEAR = 16;
    private static final ByName<?> EMPTY = new ByName<>(new String[0], new Object[0], Map.of());

    /** Sorted by {@link Names#ORDER}, each name as it was first spelled. */
    private final String[] names;
    private final Object[] values;
    /** The position of each name as spelled in {@link #names}: most lookups use that spelling. */
    private final Map<String, Integer> spelled;

    private ByName(String[] names, Object[] values, Map<String, Integer> spelled) {
        this.names = names;
        this.values = values;
        this.spelled = spelled;
    }

    /** The values by name; of names equal but for case, the spelling and value are kept as a sorted map keeps them. */
    @SuppressWarnings("unchecked")
    static <V> ByName<V> of(Map<String, V> values) {
        if (values instanceof ByName<V> b) {
            return b;
        }
        if (values.isEmpty()) {
            return (ByName<V>) EMPTY;
        }
        TreeMap<String, V> sorted = new TreeMap<>(Names.ORDER);
        sorted.putAll(values);
        String[] names = sorted.keySet().toArray(new String[0]);
        Object[] array = sorted.values().toArray();
        Map<String, Integer> spelled = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            spelled.put(names[i], i);
        }
        return new ByName<>(names, array, spelled);
    }

    /** This map with the value put under the name (in any case; a name already here keeps its spelling). */
    ByName<V> with(String name, V value) {
        int at = position(name);
        if (at < 0) {
            Map<String, V> more = new TreeMap<>(Names.ORDER);
            more.putAll(this);
            more.put(name, value);
            return of(more);
        }
        Object[] next = values.clone();
        next[at] = value;
        return new ByName<>(names, next, spelled);
    }

    /** Where the name is (in any case), or -1. */
    private int position(String name) {
        if (names.length == 0) {
            return -1;
        }
        // As a sorted map by name: no null name to look up in one that has names.
        Objects.requireNonNull(name, "name");
        if (names.length <= LINEAR) {
            // A pool has a few servers: comparing a name with each (a name read from a history line is a new
            // string, and would be hashed first) is the quicker way to find it as spelled. First by reference:
            // the names a deployment is asked for are mostly its own strings (a reader keeps one of each name),
            // and an equal reference is found without reading a name's characters.
            for (int i = 0; i < names.length; i++) {
                if (names[i] == name) {
                    return i;
                }
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
        } else {
            Integer at = spelled.get(name);
            if (at != null) {
                return at;
            }
        }
        int found = Arrays.binarySearch(names, name, Names.ORDER);
        return found >= 0 ? found : -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int at = position((String) key);
        return at < 0 ? null : (V) values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return position((String) key) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<V> values() {
        return (Collection<V>) Collections.unmodifiableCollection(Arrays.asList(values));
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, V> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
