package io.quiesce.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The working directory of generated command lines, one level below a temporary directory so that
 * a {@code ../} in a generated path still lands inside it. It holds the files that commands read:
 * a history, a script and a catalog, each valid and broken, and {@code not-a-directory}, a file
 * given as the data directory so that a line that gets as far as opening it fails at once (exit 5).
 */
final class Sandbox {
    static final String NOT_A_DIRECTORY = "not-a-directory";

    private final Path root;
    private final Path work;

    Sandbox(Path temporary) {
        root = temporary;
        work = temporary.resolve("work");
        fill();
    }

    Path work() {
        return work;
    }

    /** The names the generator uses for files, and for the data directory {@code data}. */
    static Map<String, List<String>> files(String data) {
        return Map.of("HISTORY", List.of("incident.jsonl", "broken.jsonl", "missing.jsonl", "."),
                "SCRIPT", List.of("script.jsonl", "broken.jsonl", "incident.jsonl"),
                "CATALOG", List.of("catalog.json", "broken.json", "missing.json"),
                "EXPORT", List.of("export.jsonl"), "REPORT", List.of("report.html"), "DATA", List.of(data));
    }

    /** (Re)writes the files that commands read; after a command that wrote some, the same again. */
    void fill() {
        try {
            Files.createDirectories(work);
            Files.copy(Path.of("../docs/incidents/restart-trap.jsonl"), work.resolve("incident.jsonl"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(work.resolve("broken.jsonl"), "{\"at\":\"2026-11-20T22:00:00Z\",\"command\":\"cre");
            Files.writeString(work.resolve("script.jsonl"), "{\"at\":\"2026-11-20T22:00:00Z\",\"command\":\"pause\","
                    + "\"server\":\"fe01\"}\n");
            Files.writeString(work.resolve("catalog.json"), "{\"roles\":[{\"name\":\"r\",\"coreService\":\"S\","
                    + "\"services\":[{\"displayName\":\"Service\",\"shortName\":\"S\","
                    + "\"features\":[{\"id\":\"calls\"}]}]}]}");
            Files.writeString(work.resolve("broken.json"), "{\"roles\":[}");
            Files.writeString(work.resolve(NOT_A_DIRECTORY), "a file, not a data directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and directory under the temporary directory, with its size and time. */
    Map<String, String> listing() {
        try (Stream<Path> all = Files.walk(root)) {
            Map<String, String> listing = new TreeMap<>();
            for (Path p : all.toList()) {
                listing.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + " " + Files.getLastModifiedTime(p));
            }
            return listing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
