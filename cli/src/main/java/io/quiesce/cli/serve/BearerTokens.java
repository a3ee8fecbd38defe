package io.quiesce.cli.serve;

import io.quiesce.auth.Principal;
import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bearer tokens of a data directory ({@code DIR/tokens.json}, owner-only), each standing for a
 * fixed principal and groups. Only a SHA-256 of each token is kept: the token itself is shown once,
 * by {@code token add}. A running server reads the file again when it changes, so a revoked token
 * stops working at once.
 */
public final class BearerTokens implements Tokens {
    public static final String FILE = "tokens.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One token as stored: its principal, its groups, and the hash that recognises it. */
    public record Entry(String name, Set<String> groups, String sha256, Instant created) {
        public Principal principal() {
            return new Principal(name, groups);
        }
    }

    private final Path file;
    /** The file as last read: each write replaces it with a new file, so its key changes. */
    private Object readAt;
    private List<Entry> entries = List.of();

    public BearerTokens(Path directory) {
        this.file = directory.resolve(FILE);
    }

    /** A new random token: 256 bits, URL-safe Base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Makes a token for {@code name}; returns the token, which is stored nowhere. */
    @Override
    public synchronized String add(String name, Set<String> groups) {
        List<Entry> next = new ArrayList<>(entries());
        if (next.stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException("a token named " + name + " exists: revoke it first to make a new one.");
        }
        String token = newToken();
        next.add(new Entry(name, Set.copyOf(groups), sha256(token), Instant.now()));
        write(next);
        return token;
    }

    /** Removes the token named {@code name}; false when there was none. */
    @Override
    public synchronized boolean revoke(String name) {
        List<Entry> next = new ArrayList<>(entries());
        boolean removed = next.removeIf(e -> e.name().equals(name));
        if (removed) {
            write(next);
        }
        return removed;
    }

    @Override
    public synchronized List<Entry> entries() {
        reloadIfChanged();
        return entries;
    }

    /** The entry whose token this is. Compares hashes in constant time. */
    @Override
    public Optional<Entry> find(String token) {
        byte[] hash = sha256(token).getBytes(StandardCharsets.US_ASCII);
        return entries().stream().filter(e -> MessageDigest.isEqual(hash,
                e.sha256().getBytes(StandardCharsets.US_ASCII))).findFirst();
    }

    private void reloadIfChanged() {
        try {
            if (!Files.isRegularFile(file)) {
                entries = List.of();
                readAt = null;
                return;
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object modified = List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime());
            if (modified.equals(readAt)) {
                return;
            }
            entries = parse(Files.readString(file, StandardCharsets.UTF_8));
            readAt = modified;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private List<Entry> parse(String text) {
        List<Entry> read = new ArrayList<>();
        if (JsonText.parse(text) instanceof Map<?, ?> root && root.get("tokens") instanceof List<?> tokens) {
            for (Object t : tokens) {
                if (t instanceof Map<?, ?> m && m.get("name") instanceof String name && m.get("sha256") instanceof String hash
                        && m.get("groups") instanceof List<?> groups && m.get("created") instanceof String created) {
                    Set<String> g = new TreeSet<>();
                    groups.forEach(x -> g.add(String.valueOf(x)));
                    read.add(new Entry(name, Set.copyOf(g), hash, Instant.parse(created)));
                }
            }
        }
        return List.copyOf(read);
    }

    private void write(List<Entry> next) {
        List<Object> tokens = new ArrayList<>();
        for (Entry e : next) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("groups", new ArrayList<>(new TreeSet<>(e.groups())));
            m.put("sha256", e.sha256());
            m.put("created", e.created().toString());
            tokens.add(m);
        }
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(file.getParent(), ".tokens", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, JsonText.write(Map.of("tokens", tokens)) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            entries = List.copyOf(next);
            readAt = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Nothing to release: the file is read when asked. */
    @Override
    public void close() {
    }
}
