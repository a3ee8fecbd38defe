package io.quiesce.cli.demo;


import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the simulated users saw: sessions started (by server and feature), ended, lost, interrupted. */
final class Tally {
    private final Map<String, Integer> startedByServer = new TreeMap<>();
    private final Map<String, Integer> windowByServer = new TreeMap<>();
    private final Map<String, Integer> windowByServerFeature = new TreeMap<>();
    /** Counted by a listener, on the library's thread: deadlines interrupt sessions on their own. */
    private final AtomicInteger interrupted = new AtomicInteger();
    private int started;
    private int ended;
    private int lost;

    void sessionStarted(String server, String feature) {
        started++;
        startedByServer.merge(server, 1, Integer::sum);
        windowByServer.merge(server, 1, Integer::sum);
        windowByServerFeature.merge(server + "/" + feature, 1, Integer::sum);
    }

    void sessionEnded() {
        ended++;
    }

    void connectionLost() {
        lost++;
    }

    void sessionInterrupted() {
        interrupted.incrementAndGet();
    }

    int started() {
        return started;
    }

    int ended() {
        return ended;
    }

    int lost() {
        return lost;
    }

    int interrupted() {
        return interrupted.get();
    }

    /** By server name, in order. */
    Map<String, Integer> startedByServer() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(startedByServer));
    }

    /** Sessions started on each server since the last call, which starts a new window. */
    Map<String, Integer> takeWindow() {
        Map<String, Integer> window = new TreeMap<>(windowByServer);
        windowByServer.clear();
        windowByServerFeature.clear();
        return window;
    }

    /** Sessions of {@code feature} started on {@code server} in the current window. */
    int inWindow(String server, String feature) {
        return windowByServerFeature.getOrDefault(server + "/" + feature, 0);
    }
}
