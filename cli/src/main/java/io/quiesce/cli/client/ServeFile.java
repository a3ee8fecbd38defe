package io.quiesce.cli.client;

import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DIR/serve.json}: where the server holding a data directory listens, and its local token.
 * Owner-only, since the token proves the same access as opening the directory.
 *
 * @param url   the server's base URL, e.g. {@code http://127.0.0.1:7070}
 * @param token the local token
 * @param pid   the server's process id: a file whose process is gone is stale and ignored
 */
public record ServeFile(String url, String token, long pid) {
    public static final String NAME = "serve.json";

    public static Path in(Path directory) {
        return directory.resolve(NAME);
    }

    /** The server named by the directory's serve.json, if its process is still alive. */
    public static Optional<ServeFile> live(Path directory) {
        Path file = in(directory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Object json = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (json instanceof Map<?, ?> m && m.get("url") instanceof String url && m.get("token") instanceof String t
                    && m.get("pid") instanceof Number pid) {
                ServeFile serve = new ServeFile(url, t, pid.longValue());
                return serve.alive() ? Optional.of(serve) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or half-written: a live server rewrites it whole, so treat it as stale.
        }
        return Optional.empty();
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes it owner-only, replacing a stale one in one step. */
    public void writeTo(Path directory) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url);
        json.put("token", token);
        json.put("pid", pid);
        Path file = in(directory);
        try {
            Path temp = Files.createTempFile(directory, ".serve", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, JsonText.write(json) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the file if it is still this server's (a newer server may have replaced it). */
    public void removeFrom(Path directory) {
        Path file = in(directory);
        try {
            Object json = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (json instanceof Map<?, ?> m && token.equals(m.get("token"))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            // Gone or replaced: nothing of ours to remove.
        }
    }
}
