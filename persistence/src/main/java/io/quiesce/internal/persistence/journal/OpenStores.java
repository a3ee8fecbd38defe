package io.quiesce.internal.persistence.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journals open in this JVM, by name. Pekko creates the journal plugin from configuration alone;
 * the name in its configuration ({@code store}) finds the store that whoever opened the data directory
 * holds, and closes once the actor system is gone.
 */
public final class OpenStores {
    private static final Map<String, JournalBackend> OPEN = new ConcurrentHashMap<>();

    private OpenStores() {
    }

    /** Makes {@code store} known under its name, which is returned. */
    public static String register(JournalBackend store) {
        String name = store.name();
        if (OPEN.putIfAbsent(name, store) != null) {
            throw new IllegalStateException("the journal " + name + " is already open in this process");
        }
        return name;
    }

    public static void unregister(JournalBackend store) {
        OPEN.remove(store.name(), store);
    }

    public static JournalBackend get(String name) {
        JournalBackend store = OPEN.get(name);
        if (store == null) {
            throw new IllegalStateException("no journal open under " + name);
        }
        return store;
    }
}
