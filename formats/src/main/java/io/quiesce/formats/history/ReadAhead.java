package io.quiesce.formats.history;

import io.quiesce.history.HistoryLine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The lines of a history read and decoded on a thread of their own, a batch ahead of whoever folds
 * them: reading and decoding take about a third of a replay, and a second core can do them. Lines
 * come in file order; an error of the reading thread (a line that does not parse, a read that
 * fails) comes after the lines before it, as it would without this. Iterate once; close it, also
 * when stopping early, so that the reading thread stops.
 */
public final class ReadAhead implements Iterable<HistoryLine>, AutoCloseable {
    private static final int BATCH = 1024;
    /** A few batches in flight keep both threads busy without holding much of the file. */
    private static final int BATCHES_AHEAD = 4;

    /** One hand-over: lines, then possibly the error that ended the reading, or the end. */
    private record Batch(List<HistoryLine> lines, RuntimeException error, boolean last) {
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;

    public ReadAhead(Iterable<HistoryLine> lines) {
        this.reader = new Thread(() -> read(lines), "quiesce-history-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Iterable<HistoryLine> lines) {
        List<HistoryLine> batch = new ArrayList<>(BATCH);
        try {
            try {
                for (HistoryLine line : lines) {
                    batch.add(line);
                    if (batch.size() == BATCH) {
                        queue.put(new Batch(batch, null, false));
                        batch = new ArrayList<>(BATCH);
                    }
                }
                queue.put(new Batch(batch, null, true));
            } catch (RuntimeException e) {
                queue.put(new Batch(batch, e, true));
            } catch (Error e) {
                // Told to the reader too, who would otherwise wait for a batch that never comes.
                queue.put(new Batch(batch, new IllegalStateException("reading the history failed: " + e, e), true));
                throw e;
            }
        } catch (InterruptedException e) {
            // Closed before the end: nobody wants the rest.
        }
    }

    @Override
    public Iterator<HistoryLine> iterator() {
        return new Iterator<>() {
            private Iterator<HistoryLine> current = List.<HistoryLine>of().iterator();
            private Batch batch;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (batch != null && batch.last()) {
                        if (batch.error() != null) {
                            throw batch.error();
                        }
                        return false;
                    }
                    batch = take();
                    current = batch.lines().iterator();
                }
                return true;
            }

            @Override
            public HistoryLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private Batch take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the history's next lines", e);
        }
    }

    /** Stops the reading thread, if it is still reading, and waits for it. */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
