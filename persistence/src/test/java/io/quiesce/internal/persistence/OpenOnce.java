package io.quiesce.internal.persistence;

import io.quiesce.DataDirectoryException;
import io.quiesce.Quiesce;
import java.nio.file.Path;

/**
 * Run as a second process by {@link DataDirectoryLockTest}: tries to open a data directory and
 * prints how it went and how long it took.
 */
public final class OpenOnce {
    private OpenOnce() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (Quiesce q = Quiesce.open(Path.of(args[0]))) {
            System.out.println("opened");
        } catch (DataDirectoryException e) {
            System.out.println("refused after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e.getMessage());
            System.exit(5);
        }
    }
}
