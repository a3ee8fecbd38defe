package io.quiesce.cli;

import io.quiesce.auth.Principal;
import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.cli.client.QuiesceClient.Reply;
import io.quiesce.cli.client.ServerUnusable;
import io.quiesce.rollout.RolloutOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rollout start|resume|abort} when a server holds the directory: the server drives the
 * rollout, and this command line shows its progress by polling it, with the foreground's display
 * and exit codes. Stopping this command line (Ctrl-C) leaves the rollout running on the server.
 */
final class RolloutThroughServer {
    /** How often the progress is asked for: steps take seconds, a display a quarter behind is fine. */
    private static final long POLL_MILLIS = 250;

    private RolloutThroughServer() {
    }

    /** The route of a pool's rollout, and one of its actions when {@code action} is not null. */
    static String path(String pool, String action) {
        String segment = URLEncoder.encode(pool, StandardCharsets.UTF_8).replace("+", "%20");
        return "/v1/rollouts/" + segment + (action == null ? "" : "/" + action);
    }

    static int start(QuiesceCommand root, QuiesceClient server, String pool, RolloutOptions options, String reason) {
        Map<String, Object> body = who(root);
        body.putAll(RolloutWire.encode(options));
        if (reason != null) {
            body.put("reason", reason);
        }
        return driven(root, server, pool, server.send("POST", path(pool, "start"), Map.of(), body,
                root.output().json()), false);
    }

    static int resume(QuiesceCommand root, QuiesceClient server, String pool, boolean rerunUnfinished) {
        Map<String, Object> body = who(root);
        if (rerunUnfinished) {
            body.put("rerunUnfinished", true);
        }
        return driven(root, server, pool, server.send("POST", path(pool, "resume"), Map.of(), body,
                root.output().json()), false);
    }

    /** Asks for the stop; when the server drives the rollout, follows it until it has stopped, exit 0. */
    static int abort(QuiesceCommand root, QuiesceClient server, String pool, String reason) {
        Map<String, Object> body = who(root);
        if (reason != null) {
            body.put("reason", reason);
        }
        return driven(root, server, pool, server.send("POST", path(pool, "abort"), Map.of(), body,
                root.output().json()), true);
    }

    private static int driven(QuiesceCommand root, QuiesceClient server, String pool, Reply reply, boolean abort) {
        Output out = root.output();
        int exit = out.print(reply.printout());
        if (exit != ExitCode.DONE || !(reply.fields().get("run") instanceof String run)) {
            return exit;
        }
        int from = reply.fields().get("next") instanceof Number n ? n.intValue() : 0;
        return follow(server, pool, run, from, out, abort);
    }

    /** Prints the run's progress lines from line {@code from} as they come, then how it ended. */
    private static int follow(QuiesceClient server, String pool, String run, int from, Output out, boolean abort) {
        Thread notice = new Thread(() -> out.err().println("quiesce: no longer following; the rollout goes on in"
                + " the server at " + server.url() + ": rollout status " + pool + " shows it, rollout abort " + pool
                + " stops it."));
        Runtime.getRuntime().addShutdownHook(notice);
        try {
            int after = from;
            while (true) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("run", run);
                query.put("after", Integer.toString(after));
                Reply reply;
                try {
                    reply = server.send("GET", path(pool, "progress"), query, null, out.json());
                } catch (ServerUnusable e) {
                    throw new ServerUnusable(e.getMessage() + " The rollout stays recorded at its step: the next"
                            + " quiesce serve takes it up (rollout status " + pool + " shows it).", e);
                }
                if (!(reply.fields().get("lines") instanceof List<?> lines)) {
                    return out.print(reply.printout());
                }
                lines.forEach(line -> out.err().println(line));
                after += lines.size();
                if (!Boolean.TRUE.equals(reply.fields().get("running"))) {
                    int exit = out.print(reply.printout());
                    // abort asked, and the rollout stopped (or completed its last step): done, as in the foreground.
                    return abort && reply.fields().get("status") != null ? ExitCode.DONE : exit;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.DONE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException shuttingDown) {
                // The notice is being printed.
            }
        }
    }

    /** Who is asking, when this caller may name them (the local token); another token names its own principal. */
    private static Map<String, Object> who(QuiesceCommand root) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (root.namesPrincipal()) {
            Principal p = root.principal();
            body.put("as", p.name());
            body.put("groups", new ArrayList<>(new java.util.TreeSet<>(p.groups())));
        }
        return body;
    }
}
