package io.quiesce.internal.persistence;

import io.quiesce.rollout.PatchOutcome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Runs a rollout's patch command for one server and says how it went. */
@FunctionalInterface
public interface PatchStep {
    /** Output kept from a patch command: its last lines, at most this many characters. */
    int TAIL_CHARS = 2000;
    int TAIL_LINES = 20;

    PatchOutcome run(String command);

    /** The command run by {@code sh -c}, standard output and error together. */
    static PatchStep shell() {
        return command -> {
            long began = System.nanoTime();
            try {
                Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                String output = readAll(p.getInputStream());
                int exit = p.waitFor();
                return new PatchOutcome(exit, tail(output), Duration.ofNanos(System.nanoTime() - began));
            } catch (IOException e) {
                return new PatchOutcome(127, "cannot run the patch command: " + e.getMessage(),
                        Duration.ofNanos(System.nanoTime() - began));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PatchOutcome(130, "interrupted while the patch command ran",
                        Duration.ofNanos(System.nanoTime() - began));
            }
        };
    }

    /** The last lines of {@code output}, bounded, so a chatty installer cannot bloat the journal. */
    static String tail(String output) {
        List<String> lines = Arrays.asList(output.strip().split("\\R"));
        String last = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        return last.length() <= TAIL_CHARS ? last : last.substring(last.length() - TAIL_CHARS);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            kept.write(buffer, 0, n);
            // Only the tail is kept; the rest is read so the command never blocks on a full pipe.
            if (kept.size() > 64 * TAIL_CHARS) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - 4 * TAIL_CHARS, 4 * TAIL_CHARS);
            }
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
