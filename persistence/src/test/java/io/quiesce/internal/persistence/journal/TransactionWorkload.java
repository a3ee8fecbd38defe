package io.quiesce.internal.persistence.journal;

import io.quiesce.internal.persistence.journal.GroupCommit.Ordered;
import io.quiesce.internal.persistence.journal.JournalStore.Entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The child process of {@link GroupCommitCrashTest}: clients write transactions of two to four
 * parts, each part an entry of another of the client's entities, each transaction following the
 * client's one before it, two in flight at a time, through one {@link GroupCommit}
 * with syncing on, on the backend and journal given, until killed. Each entry's bytes say {@code run client transaction part parts};
 * a line {@code ack run client transaction} goes to standard output once every part is committed.
 */
public final class TransactionWorkload {
    static final int CLIENTS = 8;
    static final int ENTITIES_PER_CLIENT = 4;

    private TransactionWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Backends backend = Backends.valueOf(args[0]);
        String journal = args[1];
        int run = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        JournalBackend store = backend.open(journal, true);
        GroupCommit group = new GroupCommit(store::commit, Duration.ofSeconds(5));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Random random = new Random(seed + c);
            long[] next = new long[ENTITIES_PER_CLIENT];
            for (int e = 0; e < ENTITIES_PER_CLIENT; e++) {
                next[e] = store.highestSequenceNr(entity(client, e)) + 1;
            }
            clients.add(new Thread(() -> work(group, run, client, random, next)));
        }
        System.out.println("ready");
        System.out.flush();
        clients.forEach(Thread::start);
        for (Thread t : clients) {
            t.join();
        }
    }

    static String entity(int client, int e) {
        return "c" + client + "-e" + e;
    }

    /**
     * Two transactions in flight per client: each is sent before the one before it is acknowledged,
     * and follows it (as the gatekeeper's batches do), taking the entities' next sequence numbers.
     */
    private static void work(GroupCommit group, int run, int client, Random random, long[] next) {
        CompletableFuture<Void> previous = null;
        for (long t = 1; ; t++) {
            List<Integer> entities = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.shuffle(entities, random);
            int parts = 2 + random.nextInt(3);
            long transaction = id(run, client, t);
            long after = t == 1 ? 0 : id(run, client, t - 1);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int e = entities.get(p);
                byte[] bytes = (run + " " + client + " " + t + " " + p + " " + parts).getBytes(StandardCharsets.UTF_8);
                done.add(group.write(transaction, parts, after, List.of(new Ordered(new Entry(entity(client, e),
                        next[e]++, bytes), p))));
                if (random.nextInt(4) == 0) {
                    Thread.onSpinWait(); // parts of one decision arrive apart, as the entities' writes do
                }
            }
            if (previous != null) {
                previous.join();
                acknowledge(run, client, t - 1);
            }
            previous = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        }
    }

    private static long id(int run, int client, long t) {
        return ((long) run << 40) | ((long) client << 32) | t;
    }

    private static void acknowledge(int run, int client, long t) {
        synchronized (System.out) {
            System.out.println("ack " + run + " " + client + " " + t);
            System.out.flush();
        }
    }
}
