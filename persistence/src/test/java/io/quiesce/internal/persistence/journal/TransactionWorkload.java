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
 * parts, each part an entry of another of the client's entities, through one {@link GroupCommit}
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

    private static void work(GroupCommit group, int run, int client, Random random, long[] next) {
        for (long t = 1; ; t++) {
            List<Integer> entities = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.shuffle(entities, random);
            int parts = 2 + random.nextInt(3);
            long transaction = ((long) run << 40) | ((long) client << 32) | t;
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int e = entities.get(p);
                byte[] bytes = (run + " " + client + " " + t + " " + p + " " + parts).getBytes(StandardCharsets.UTF_8);
                done.add(group.write(transaction, parts, List.of(new Ordered(new Entry(entity(client, e), next[e],
                        bytes), p))));
                if (random.nextInt(4) == 0) {
                    Thread.onSpinWait(); // parts of one decision arrive apart, as the entities' writes do
                }
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            for (int p = 0; p < parts; p++) {
                next[entities.get(p)]++;
            }
            synchronized (System.out) {
                System.out.println("ack " + run + " " + client + " " + t);
                System.out.flush();
            }
        }
    }
}
