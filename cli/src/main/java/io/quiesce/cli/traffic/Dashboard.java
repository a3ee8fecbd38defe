package io.quiesce.cli.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: one self-contained page (its styles and script inline, nothing fetched from
 * elsewhere) that reads {@code /v1/status}, {@code /v1/findings} and the tail of
 * {@code /v1/history}, then follows {@code /v1/events} live. The bearer token is given once in
 * the address ({@code http://127.0.0.1:7070/#token=...}) and kept for the browser tab only.
 */
public final class Dashboard {
    private static final byte[] PAGE = load();

    private Dashboard() {
    }

    public static byte[] page() {
        return PAGE.clone();
    }

    public static String contentType() {
        return "text/html; charset=utf-8";
    }

    private static byte[] load() {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
