package io.quiesce.cli.client;

import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.JsonException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The command line's side of a server: plain JDK HTTP, no actor system, no journal. Every call of
 * the command line becomes one request whose answer is what to print ({@link Printout}).
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter starts a
 * selector thread and a TLS context even for plain HTTP, several times the cost of a whole
 * {@code status} call answered by a server.
 */
public final class QuiesceClient {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** On status answers: the last event id recorded before the status was read. */
    public static final String EVENT_ID_HEADER = "Quiesce-Event-Id";

    private final URI base;
    private final String token;

    /** One answer: status code, body, and the event id header when there is one. */
    private record Answer(int status, String body, long eventId) {
    }

    public QuiesceClient(String url, String token) {
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.token = token;
    }

    public String url() {
        return base.toString();
    }

    /** {@code GET path} answered as what the command line prints (text, or JSON with {@code json}). */
    public Printout read(String path, Map<String, String> query, boolean json) {
        return printout(exchange("GET", path, withPrint(query, json), null));
    }

    /** {@code POST /v1/commands} with one command line, answered as what the command line prints. */
    public Printout command(Map<String, Object> line, boolean json) {
        return printout(exchange("POST", "/v1/commands", withPrint(Map.of(), json), JsonText.write(line)));
    }

    /**
     * A printout and the other fields of the same answer's JSON object (a rollout's run to follow,
     * its status): what the rollout routes answer beside what to print.
     */
    public record Reply(Printout printout, Map<String, Object> fields) {
    }

    /** {@code method path} with a JSON body (or none), answered as a printout with more fields. */
    public Reply send(String method, String path, Map<String, String> query, Map<String, Object> body, boolean json) {
        Answer answer = exchange(method, path, withPrint(query, json), body == null ? null : JsonText.write(body));
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            if (JsonText.parse(answer.body()) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> fields.put(String.valueOf(k), v));
            }
        } catch (JsonException e) {
            // Not JSON: a refusal made before the route was reached, rendered by printout().
        }
        return new Reply(printout(answer), fields);
    }

    /** The whole history as JSON Lines, as {@code history --export} writes it. */
    public List<String> historyLines() {
        Answer answer = exchange("GET", "/v1/history", Map.of(), null);
        if (answer.status() != 200) {
            throw new Refused(refusal(answer.status(), answer.body()));
        }
        return answer.body().lines().filter(l -> !l.isBlank()).toList();
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
        Answer answer = exchange("GET", path, Map.of(), null);
        if (answer.status() != 200) {
            throw new Refused(refusal(answer.status(), answer.body()));
        }
        return new Read(parse(answer.body()), answer.eventId());
    }

    /**
     * Follows {@code /v1/events} from just after event {@code after} (0: from the first), handing each
     * event to {@code handler} until it returns false, the server ends the stream, or
     * {@code timeout} passes. Returns the id of the last event handled.
     */
    public long events(long after, Duration timeout, Predicate<EventLine> handler) {
        HttpURLConnection connection = open("GET", "/v1/events", Map.of());
        connection.setRequestProperty("Accept", "text/event-stream");
        connection.setRequestProperty("Last-Event-ID", Long.toString(after));
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (status != 200) {
            throw new Refused(refusal(status, body(connection, status)));
        }
        // Disconnecting from a timer is the one way to end a blocked read when the timeout passes.
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                connection.disconnect();
            } catch (InterruptedException e) {
                // Done before the timeout.
            }
        }, "quiesce-events-timeout");
        timer.setDaemon(true);
        timer.start();
        long last = after;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(5).strip());
                } else if (line.isEmpty()) {
                    if (id != null && data.length() > 0) {
                        long n = Long.parseLong(id);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> event = (Map<String, Object>) parse(data.toString());
                        last = n;
                        if (!handler.test(new EventLine(n, event))) {
                            break;
                        }
                    }
                    id = null;
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            // Disconnected by the timer, or the connection dropped: the caller decides from what it saw.
        } finally {
            timer.interrupt();
            connection.disconnect();
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

    private HttpURLConnection open(String method, String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(uri.toString()).openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout((int) ANSWER_TIMEOUT.toMillis());
            connection.setUseCaches(false);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new ServerUnusable("cannot ask the server at " + base + ": " + e.getMessage(), e);
        }
    }

    private Answer exchange(String method, String path, Map<String, String> query, String body) {
        HttpURLConnection connection = open(method, path, query);
        try {
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            String eventId = connection.getHeaderField(EVENT_ID_HEADER);
            return new Answer(status, body(connection, status), eventId == null ? 0 : Long.parseLong(eventId));
        } catch (IOException e) {
            throw unreachable(e);
        } finally {
            connection.disconnect();
        }
    }

    private static String body(HttpURLConnection connection, int status) {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, String> withPrint(Map<String, String> query, boolean json) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("print", json ? "json" : "text");
        return q;
    }

    private Printout printout(Answer answer) {
        Printout printout = null;
        try {
            printout = Printout.of(JsonText.parse(answer.body()));
        } catch (JsonException e) {
            // Not a printout: a refusal made before the command was looked at (token, size, route).
        }
        return printout != null ? printout : refusal(answer.status(), answer.body());
    }
    /** A refusal by HTTP status and its {"code","message"} body, as the command line shows one. */
    private Printout refusal(int status, String body) {
        String message = "the server at " + base + " answered HTTP " + status;
        String code = null;
        try {
            if (JsonText.parse(body) instanceof Map<?, ?> m && m.get("message") instanceof String text) {
                message = text;
                code = m.get("code") instanceof String c ? c : null;
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
        // A refusal of the request's content reads as the command line's own refusals do.
        boolean refused = code != null && (status == 400 || status == 403 || status == 409);
        return new Printout(exit, "", (refused ? "refused (" + code + "): " : "error: ") + message + "\n");
    }

    private Object parse(String body) {
        try {
            return JsonText.parse(body);
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
