package io.quiesce.persistence.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journals open in this JVM, by name. Pekko creates the journal plugin from configuration alone;
 * the name in its configuration ({@code store}) finds the store that whoever opened the data directory
 * holds, and closes once the actor system is gone.
 */
public final class OpenStores {
    private static final Map<String, JournalStore> OPEN = new ConcurrentHashMap<>();

    private OpenStores() {
    }

    /** Makes {@code store} known under its directory's path, which is returned. */
    public static String register(JournalStore store) {
        String name = store.directory().toString();
        if (OPEN.putIfAbsent(name, store) != null) {
            throw new IllegalStateException("the journal " + name + " is already open in this process");
        }
        return name;
    }

    public static void unregister(JournalStore store) {
        OPEN.remove(store.directory().toString(), store);
    }

    public static JournalStore get(String name) {
        JournalStore store = OPEN.get(name);
        if (store == null) {
            throw new IllegalStateException("no journal open under " + name);
        }
        return store;
    }
}
