package io.quiesce.server;

import io.quiesce.service.ServiceState;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A server's services by display name, in the role's order: an immutable map where replacing one
 * service's state copies an array of a dozen references, and the index of names is shared by every
 * version (a server's services never change names). Replaying a history changes a service at
 * nearly every line. (Read-only as a {@link Map}.)
 */
final class ServiceMap extends AbstractMap<String, ServiceState> {
    /** Up to this many services, a name is found by comparing it with each. */
    private static final int LINEAR = 16;
    private final Map<String, Integer> index;
    private final String[] names;
    private final ServiceState[] states;

    private ServiceMap(Map<String, Integer> index, String[] names, ServiceState[] states) {
        this.index = index;
        this.names = names;
        this.states = states;
    }

    static ServiceMap copyOf(Map<String, ServiceState> services) {
        if (services instanceof ServiceMap m) {
            return m;
        }
        Map<String, Integer> index = new HashMap<>();
        String[] names = new String[services.size()];
        ServiceState[] states = new ServiceState[services.size()];
        int i = 0;
        for (Map.Entry<String, ServiceState> e : services.entrySet()) {
            index.put(e.getKey(), i);
            names[i] = e.getKey();
            states[i++] = e.getValue();
        }
        return new ServiceMap(index, names, states);
    }

    /** This map with the service's state replaced, or added at the end under its name. */
    ServiceMap with(ServiceState service) {
        int at = position(service.name());
        if (at < 0) {
            Map<String, ServiceState> more = new java.util.LinkedHashMap<>(this);
            more.put(service.name(), service);
            return copyOf(more);
        }
        ServiceState[] next = states.clone();
        next[at] = service;
        return new ServiceMap(index, names, next);
    }

    @Override
    public ServiceState get(Object key) {
        int at = position(key);
        return at < 0 ? null : states[at];
    }

    /**
     * Where the name is, or -1. A server has a dozen services or so: comparing the names one by one
     * (most differ in length, which ends a comparison at once) is quicker than hashing a name
     * read from a history line, which is a new string each time.
     */
    private int position(Object key) {
        if (names.length > LINEAR) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        // First by reference, as a reader of history lines keeps one string of each name: then no
        // name's characters are read.
        for (int i = 0; i < names.length; i++) {
            if (names[i] == key) {
                return i;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return position(key) >= 0;
    }

    @Override
    public int size() {
        return states.length;
    }

    @Override
    public Set<Entry<String, ServiceState>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, ServiceState>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < states.length;
                    }

                    @Override
                    public Entry<String, ServiceState> next() {
                        if (next >= states.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], states[i]);
                    }
                };
            }

            @Override
            public int size() {
                return states.length;
            }
        };
    }
}
