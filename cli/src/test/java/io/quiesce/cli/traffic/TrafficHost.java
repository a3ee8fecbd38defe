package io.quiesce.cli.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quiesce.auth.Principal;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.formats.history.CommandCodec;
import io.quiesce.formats.history.EventCodec;
import io.quiesce.formats.json.Json;
import io.quiesce.formats.status.StatusJson;
import io.quiesce.persistence.Quiesce;
import io.quiesce.persistence.QuiesceListener;
import io.quiesce.rules.Decision;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP host for the traffic components, for their tests only, on the JDK's own HTTP
 * server: it mounts the routes {@code quiesce serve} is to mount (readiness, observe, metrics,
 * findings, the dashboard) beside just enough of the API for them (status, history, events, one
 * command line at a time). One bearer token stands for an administrator named {@code haproxy}.
 */
final class TrafficHost implements AutoCloseable {
    private final Quiesce quiesce;
    private final String token;
    private final HttpServer http;
    private final TrafficMetrics metrics = new TrafficMetrics();
    private final Readiness readiness;
    private final List<LinkedBlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final AtomicLong eventIds = new AtomicLong();
    private final QuiesceListener feed = new QuiesceListener() {
        @Override
        public void recorded(List<Event> events) {
            for (Event e : events) {
                String frame = "id: " + eventIds.incrementAndGet() + "\ndata: " + Json.write(EventCodec.encode(e)) + "\n\n";
                streams.forEach(s -> s.add(frame));
            }
        }
    };

    TrafficHost(Quiesce quiesce, String token) throws IOException {
        this.quiesce = quiesce;
        this.token = token;
        this.readiness = new Readiness(quiesce.rules().catalog());
        quiesce.addListener(metrics);
        quiesce.addListener(feed);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.createContext("/", this::route);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    TrafficMetrics metrics() {
        return metrics;
    }

    private void route(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                send(x, 200, Dashboard.contentType(), Dashboard.page());
            } else if (method.equals("GET") && path.startsWith("/v1/ready/")) {
                String[] names = path.substring("/v1/ready/".length()).split("/", 2);
                Readiness.Verdict v = readiness.check(quiesce.status(), names[0], names.length > 1 ? names[1] : null);
                json(x, v.status(), v.body());
            } else if (method.equals("GET") && path.equals("/metrics")) {
                send(x, 200, TrafficMetrics.contentType(),
                        metrics.scrape(quiesce.status()).getBytes(StandardCharsets.UTF_8));
            } else if (!authorized(x)) {
                json(x, 401, Map.of("code", "UNAUTHORIZED", "message", "send Authorization: Bearer TOKEN."));
            } else if (method.equals("GET") && path.equals("/v1/status")) {
                json(x, 200, StatusJson.of(quiesce.status(), quiesce.rules().catalog()));
            } else if (method.equals("GET") && path.equals("/v1/findings")) {
                json(x, 200, Findings.of(quiesce.history(), quiesce.rules()));
            } else if (method.equals("GET") && path.equals("/v1/history")) {
                StringBuilder lines = new StringBuilder();
                quiesce.history().forEach(e -> lines.append(Json.write(EventCodec.encode(e))).append('\n'));
                send(x, 200, "application/x-ndjson", lines.toString().getBytes(StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals("/v1/events")) {
                events(x);
            } else if (method.equals("POST") && path.equals("/v1/observe")) {
                observe(x);
            } else if (method.equals("POST") && path.equals("/v1/commands")) {
                command(x);
            } else {
                json(x, 404, Map.of("code", "NOT_FOUND", "message", "no such route: " + path));
            }
        } catch (RuntimeException e) {
            json(x, 500, Map.of("code", "INTERNAL", "message", String.valueOf(e)));
        }
    }

    private boolean authorized(HttpExchange x) {
        return ("Bearer " + token).equals(x.getRequestHeaders().getFirst("Authorization"));
    }

    private void observe(HttpExchange x) throws IOException {
        ObserveRequest r;
        try {
            r = ObserveRequest.parse(new String(x.getRequestBody().readNBytes(ObserveRequest.MAX_BYTES),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            json(x, 400, Map.of("code", "INVALID_ARGUMENT", "message", e.getMessage()));
            return;
        }
        Command.Observe c = new Command.Observe(r.server(), r.service(), r.sessions(),
                io.quiesce.command.Act.of(Principal.of("haproxy", "Administrators"), quiesce.clock().instant()));
        answer(x, c, quiesce.execute(c));
    }

    private void command(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) Json.parse(body);
        line.putIfAbsent("at", quiesce.clock().instant().toString());
        Command c = CommandCodec.decode(line, "Administrators", 1);
        answer(x, c, quiesce.execute(c));
    }

    private void answer(HttpExchange x, Command c, Decision d) throws IOException {
        metrics.decided(c, d);
        if (d instanceof Decision.Rejected r) {
            json(x, r.rejection().code().kind() == io.quiesce.rules.RejectionCode.Kind.BAD_INPUT ? 400 : 409,
                    Map.of("code", r.rejection().code().name(), "message", r.rejection().message()));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", !((Decision.Accepted) d).changedNothing());
        json(x, 200, m);
    }

    /** Server-Sent Events, live only: each event line as it is recorded, for a bounded time. */
    private void events(HttpExchange x) throws IOException {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        streams.add(frames);
        try {
            x.getResponseHeaders().set("Content-Type", "text/event-stream");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write(": hello\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < until) {
                String frame = frames.poll(500, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(frames);
        }
    }

    private static void json(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        send(x, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        quiesce.removeListener(feed);
        quiesce.removeListener(metrics);
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
