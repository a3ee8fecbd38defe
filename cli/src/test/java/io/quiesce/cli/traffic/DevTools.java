package io.quiesce.cli.traffic;

import io.quiesce.formats.json.JsonText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over its DevTools protocol: it opens one page, evaluates expressions in
 * it and takes screenshots. Chromium runs as a child process, closed with this object.
 */
final class DevTools implements AutoCloseable {
    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    DevTools(Path chromiumBinary, Path dir, String url) throws Exception {
        int port = Haproxy.freePort();
        chromium = new ProcessBuilder(List.of(chromiumBinary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,820",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=" + port, url))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            socket = connect(dir, port);
        } catch (Exception e) {
            chromium.destroyForcibly(); // a browser left behind would outlive the test run
            throw e;
        }
    }

    private WebSocket connect(Path dir, int port) throws Exception {
        String page = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (page == null) {
            if (System.nanoTime() > until || !chromium.isAlive()) {
                throw new IllegalStateException("chromium offered no page to drive; see " + dir.resolve("chromium.log"));
            }
            page = pageSocket(port);
            if (page == null) {
                Thread.sleep(200);
            }
        }
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(page), new Listener())
                .get(30, TimeUnit.SECONDS);
    }

    private static String pageSocket(int port) {
        try {
            Object targets = JsonText.parse(Http.get("http://127.0.0.1:" + port + "/json/list", null).body());
            for (Object t : (List<?>) targets) {
                Map<?, ?> target = (Map<?, ?>) t;
                if ("page".equals(target.get("type"))) {
                    return (String) target.get("webSocketDebuggerUrl");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The value of a JavaScript expression in the page (strings, numbers, booleans; null for undefined). */
    Object evaluate(String expression) throws Exception {
        Map<String, Object> reply = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        Map<?, ?> remote = (Map<?, ?>) ((Map<?, ?>) reply.get("result")).get("result");
        return remote.get("value");
    }

    /** A PNG of the page as it is drawn now. */
    byte[] screenshot() throws Exception {
        Map<String, Object> reply = call("Page.captureScreenshot", Map.of("format", "png"));
        return java.util.Base64.getDecoder().decode((String) ((Map<?, ?>) reply.get("result")).get("data"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JsonText.write(Map.of("id", id, "method", method, "params", params)), true)
                .get(10, TimeUnit.SECONDS);
        Map<String, Object> reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply;
    }

    /** Collects the frames of each message and hands replies to their callers by id. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                Map<String, Object> m = (Map<String, Object>) JsonText.parse(message.toString());
                message.setLength(0);
                if (m.get("id") instanceof Long id) {
                    CompletableFuture<Map<String, Object>> f = pending.remove(id.intValue());
                    if (f != null) {
                        f.complete(m);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        chromium.destroy();
        if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
        }
    }
}
