package io.quiesce.internal.persistence.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Copies and inspects data directories on disk, for the tests that damage or keep one. */
final class DataDirs {
    private DataDirs() {
    }

    /**
     * Copies a closed data directory, leaving out the lock files: they mean nothing once the
     * directory is closed, and a copy must not look held.
     */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("quiesce.lock") || name.equals("LOCK")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** The files of a directory whose names match, largest first. */
    static List<Path> files(Path dir, String nameRegex) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().matches(nameRegex))
                    .sorted(Comparator.comparingLong((Path p) -> p.toFile().length()).reversed()).toList();
        }
    }
}
