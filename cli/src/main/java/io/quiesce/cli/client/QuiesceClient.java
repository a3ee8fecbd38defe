package io.quiesce.cli.client;

import io.quiesce.formats.json.Json;
import io.quiesce.formats.json.JsonException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The command line's side of a server: plain JDK HTTP, no actor system, no journal. Every call of
 * the command line becomes one request whose answer is what to print ({@link Printout}).
 */
public final class QuiesceClient {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    /** On status answers: the last event id recorded before the status was read. */
    public static final String EVENT_ID_HEADER = "Quiesce-Event-Id";

    private final URI base;
    private final String token;
    private final HttpClient http;

    public QuiesceClient(String url, String token) {
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String url() {
        return base.toString();
    }

    /** {@code GET path} answered as what the command line prints (text, or JSON with {@code json}). */
    public Printout read(String path, Map<String, String> query, boolean json) {
        return printout(request(path, withPrint(query, json)).GET().build());
    }

    /** {@code POST /v1/commands} with one command line, answered as what the command line prints. */
    public Printout command(Map<String, Object> line, boolean json) {
        return printout(request("/v1/commands", withPrint(Map.of(), json))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(line), StandardCharsets.UTF_8)).build());
    }

    /** The whole history as JSON Lines, as {@code history --export} writes it. */
    public List<String> historyLines() {
        HttpResponse<String> response = send(request("/v1/history", Map.of()).GET().build());
        if (response.statusCode() != 200) {
            throw new ServerUnusable(refusal(response.statusCode(), response.body()).err().strip(), null);
        }
        return response.body().lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code GET path} as JSON; a refusal comes back as a printout to show. */
    public Object json(String path) {
        return jsonWithEventId(path).json();
    }

    /**
     * A JSON answer and the id of the last event recorded before it was read (the
     * {@code Quiesce-Event-Id} header): following {@code /v1/events} from that id misses nothing since.
     */
    public record Read(Object json, long eventId) {
    }

    public Read jsonWithEventId(String path) {
        HttpResponse<String> response = send(request(path, Map.of()).GET().build());
        if (response.statusCode() != 200) {
            throw new Refused(refusal(response.statusCode(), response.body()));
        }
        long id = response.headers().firstValue(EVENT_ID_HEADER).map(Long::parseLong).orElse(0L);
        return new Read(parse(response.body()), id);
    }

    /**
     * Follows {@code /v1/events} from just after event {@code after} (0: from the first), handing each
     * event to {@code handler} until it returns false, the server ends the stream, or
     * {@code timeout} passes. Returns the id of the last event handled.
     */
    public long events(long after, Duration timeout, Predicate<EventLine> handler) {
        HttpRequest.Builder request = request("/v1/events", Map.of()).header("Accept", "text/event-stream").GET()
                .timeout(timeout.plusSeconds(5));
        request.header("Last-Event-ID", Long.toString(after));
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnusable("interrupted while connecting to " + base, e);
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw new Refused(refusal(response.statusCode(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        // Closing the body from a timer is the one way to end a blocked read when the timeout passes.
        InputStream body = response.body();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                body.close();
            } catch (InterruptedException | IOException e) {
                // Done before the timeout, or already closed.
            }
        }, "quiesce-events-timeout");
        timer.setDaemon(true);
        timer.start();
        long last = after;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(5).strip());
                } else if (line.isEmpty() && id != null && data.length() > 0) {
                    long n = Long.parseLong(id);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> event = (Map<String, Object>) parse(data.toString());
                    last = n;
                    if (!handler.test(new EventLine(n, event))) {
                        break;
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.isEmpty()) {
                    id = null;
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            // Closed by the timer, or the connection dropped: the caller decides from what it saw.
        } finally {
            timer.interrupt();
        }
        return last;
    }

    /** A request the server refused, already rendered as the command line shows refusals. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Printout printout;

        Refused(Printout printout) {
            super(printout.err().strip());
            this.printout = printout;
        }

        public Printout printout() {
            return printout;
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return HttpRequest.newBuilder(URI.create(uri.toString())).timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private static Map<String, String> withPrint(Map<String, String> query, boolean json) {
        java.util.LinkedHashMap<String, String> q = new java.util.LinkedHashMap<>(query);
        q.put("print", json ? "json" : "text");
        return q;
    }

    private Printout printout(HttpRequest request) {
        HttpResponse<String> response = send(request);
        Printout printout = null;
        try {
            printout = Printout.of(Json.parse(response.body()));
        } catch (JsonException e) {
            // Not a printout: a refusal made before the command was looked at (token, size, route).
        }
        return printout != null ? printout : refusal(response.statusCode(), response.body());
    }

    /** A refusal by HTTP status and its {"code","message"} body, as the command line shows one. */
    private Printout refusal(int status, String body) {
        String message = "the server at " + base + " answered HTTP " + status;
        try {
            if (Json.parse(body) instanceof Map<?, ?> m && m.get("message") instanceof String text) {
                message = text;
            }
        } catch (JsonException e) {
            // Keep the status line: the body says nothing more.
        }
        int exit = switch (status) {
            case 401, 403 -> 4;
            case 409 -> 3;
            case 503 -> 5;
            default -> status >= 500 ? 1 : 2;
        };
        return new Printout(exit, "", "error: " + message + "\n");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnusable("interrupted while waiting for " + base, e);
        }
    }

    private Object parse(String body) {
        try {
            return Json.parse(body);
        } catch (JsonException e) {
            throw new ServerUnusable("the server at " + base + " answered something that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private ServerUnusable unreachable(IOException e) {
        return new ServerUnusable("cannot reach the server at " + base + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): is quiesce serve running?", e);
    }
}
