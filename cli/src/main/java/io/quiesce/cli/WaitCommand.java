package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.event.Event;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceListener;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.Rejection;
import io.quiesce.text.Names;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code wait SERVER [--service S] --for drained|offline|running [--timeout DURATION]}: blocks
 * until the services addressed are all in that state (exit 0) or the timeout passes (exit 6).
 * Through a server it follows {@code /v1/events}; without one it holds the directory, where
 * deadlines still fire, and follows what the library records.
 */
@Command(name = "wait", description = "Wait until a server's services are drained, offline or running; exit 6 on"
        + " timeout. A drain shows sessions left and an estimate on stderr.")
final class WaitCommand implements Callable<Integer> {
    static final int TIMED_OUT = 6;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVER", description = "Server name.")
    String server;

    @Option(names = "--service", paramLabel = "S", description = "One service (display or short name); default: all.")
    String service;

    @Option(names = "--for", paramLabel = "STATE", required = true,
            description = "drained, offline or running.")
    WaitCondition condition;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Give up after this long with exit 6 (PT30M, 90s, 30m, 2h); default: wait as long as it takes.")
    Duration timeout;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Instant end = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        DrainProgress progress = new DrainProgress(server, service, condition);
        Optional<QuiesceClient> client = root.server();
        return client.isPresent() ? throughServer(client.get(), progress, end, root.output())
                : direct(root, progress, end, root.output());
    }

    private int throughServer(QuiesceClient client, DrainProgress progress, Instant end, Output out) {
        // The whole status, so that an unknown server is refused in the same words as a direct wait.
        String path = "/v1/status";
        QuiesceClient.Read first = client.jsonWithEventId(path);
        Optional<Integer> settled = settle(progress, first.json(), out);
        long after = first.eventId();
        while (settled.isEmpty()) {
            Duration left = Duration.between(Instant.now(), end);
            if (left.isNegative() || left.isZero()) {
                return timedOut(progress, out);
            }
            Optional<Integer>[] outcome = new Optional[] {Optional.empty()};
            long last = client.events(after, left.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : left, e -> {
                if (!concernsServer(e.event())) {
                    return true;
                }
                noteSessionEnd(progress, e.event());
                outcome[0] = settle(progress, client.json(path), out);
                return outcome[0].isEmpty();
            });
            if (last == after && outcome[0].isEmpty() && Instant.now().isBefore(end)) {
                // The stream ended with nothing new before the timeout: the server went away.
                throw new io.quiesce.cli.client.ServerUnusable("the server at " + client.url() + " ended the event"
                        + " stream (stopping?): run wait again.", null);
            }
            after = last;
            settled = outcome[0];
        }
        return settled.get();
    }

    private int direct(QuiesceCommand root, DrainProgress progress, Instant end, Output out) {
        BlockingQueue<List<Event>> recorded = new LinkedBlockingQueue<>();
        try (Quiesce quiesce = root.open()) {
            quiesce.addListener(new QuiesceListener() {
                @Override
                public void recorded(List<Event> events) {
                    recorded.add(events);
                }
            });
            Optional<Integer> settled = settle(progress, status(root, quiesce), out);
            while (settled.isEmpty()) {
                long left = Duration.between(Instant.now(), end).toMillis();
                if (left <= 0) {
                    return timedOut(progress, out);
                }
                List<Event> events = recorded.poll(Math.min(left, TimeUnit.DAYS.toMillis(1)), TimeUnit.MILLISECONDS);
                if (events == null) {
                    continue;
                }
                events.stream().map(io.quiesce.formats.history.EventCodec::encode).filter(this::concernsServer)
                        .forEach(e -> noteSessionEnd(progress, e));
                settled = settle(progress, status(root, quiesce), out);
            }
            return settled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut(progress, out);
        }
    }

    private static Map<String, Object> status(QuiesceCommand root, Quiesce quiesce) {
        Deployment d = quiesce.status();
        return new StatusReport(new ServiceNames(quiesce.rules().catalog(), d)).json(StatusReport.Selection.all());
    }

    /** Takes a status: the exit code once the wait is over (holds, or cannot be waited for), else empty. */
    @SuppressWarnings("unchecked")
    private Optional<Integer> settle(DrainProgress progress, Object status, Output out) {
        long before = progress.sessionsLeft();
        Optional<Rejection> unknown = progress.update((Map<String, Object>) status);
        if (unknown.isPresent()) {
            out.refused(unknown.get());
            return Optional.of(ExitCode.BAD_INPUT);
        }
        if (progress.holds()) {
            if (out.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("server", server);
                json.put("service", service);
                json.put("for", condition.label());
                json.put("holds", true);
                out.json(json);
            } else {
                out.line(server + (service == null ? "" : " " + service) + ": " + condition.label());
            }
            return Optional.of(ExitCode.DONE);
        }
        if (condition != WaitCondition.DRAINED || progress.sessionsLeft() != before || before == 0) {
            out.err().println(progress.line());
        }
        return Optional.empty();
    }

    private int timedOut(DrainProgress progress, Output out) {
        out.error("error: " + (timeout == null ? "interrupted" : "timed out after " + Durations.format(timeout))
                + " waiting for " + server
                + (service == null ? "" : " " + service) + " to be " + condition.label()
                + (condition == WaitCondition.DRAINED ? " (" + DrainProgress.sessions(progress.sessionsLeft()) + " left)"
                : "") + ".");
        return TIMED_OUT;
    }

    private boolean concernsServer(Map<String, Object> event) {
        return event.get("server") instanceof String named && Names.same(server, named);
    }

    private static void noteSessionEnd(DrainProgress progress, Map<String, Object> event) {
        Object type = event.get("type");
        if (("SessionEnded".equals(type) || "SessionInterrupted".equals(type)) && event.get("at") instanceof String at) {
            progress.sessionEnded(Instant.parse(at));
        }
    }
}
