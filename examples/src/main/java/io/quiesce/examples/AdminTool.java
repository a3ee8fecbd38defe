package io.quiesce.examples;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceListener;
import io.quiesce.QuiesceOptions;
import io.quiesce.Target;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;
import io.quiesce.server.ServerState;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An admin tool built on the library: it pauses a Front End server, waits until a listener says
 * the server is drained (its last user hung up), then takes it offline.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests
 * java -cp 'examples/target/classes:examples/target/lib/*' io.quiesce.examples.AdminTool [DATA_DIRECTORY]
 * </pre>
 *
 * Without a data directory it uses a new temporary one.
 */
public final class AdminTool {
    private static final String FRONT_END = "Lync Server Front-End";

    private AdminTool() {
    }

    /** Runs the tool on the data directory named by the first argument, else on a new temporary one. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("quiesce-admin-tool-");
        run(dir, System.out);
    }

    static void run(Path dir, PrintStream out) throws InterruptedException {
        CountDownLatch frontEndDrained = new CountDownLatch(1);
        try (Quiesce quiesce = Quiesce.open(QuiesceOptions.at(dir))) {
            // Listeners hear of changes once they are recorded, on a thread of the library's own.
            quiesce.addListener(new QuiesceListener() {
                @Override
                public void drained(String server, String service, Instant at) {
                    out.println("listener: " + service + " on " + server + " is drained");
                    if (server.equals("fe01") && service.equals(FRONT_END)) {
                        frontEndDrained.countDown();
                    }
                }

                @Override
                public void pauseClearedByRestart(String server, String service, Instant at) {
                    out.println("listener: a restart cleared the pause of " + service + " on " + server);
                }
            });

            Operator alice = quiesce.as(Principal.of("alice", "Administrators")).because("monthly patches");
            alice.createPool("pool1");
            for (String server : new String[] {"fe01", "fe02", "fe03"}) {
                alice.addServer("pool1", server);
            }
            // A user's call: the pool routes it to the least loaded server, fe01 here.
            Operator client = quiesce.as(Principal.of("lync-client", "Administrators"));
            client.connect("pool1", "calls", "call-1");

            report(out, "pause fe01", alice.pause(Target.server("fe01")));
            report(out, "stop fe01 (too early)", alice.stop(Target.server("fe01")));
            // The asynchronous form: the user hangs up while the tool goes on.
            client.endAsync("call-1").thenAccept(d -> out.println("the user of call-1 hung up"));
            if (!frontEndDrained.await(30, TimeUnit.SECONDS)) {
                out.println("fe01 did not drain in time; leaving it paused");
                return;
            }
            report(out, "stop fe01", alice.stop(Target.server("fe01")));
            ServerState fe01 = quiesce.status().server("fe01").orElseThrow();
            out.println("fe01 is " + fe01.status() + "; data directory: " + quiesce.dataDirectory());
        }
    }

    private static void report(PrintStream out, String what, Decision decision) {
        if (decision instanceof Decision.Rejected r) {
            out.println(what + ": refused, " + r.rejection());
        } else if (decision instanceof Decision.Accepted a) {
            out.println(what + ": done, " + a.outcomes().stream().filter(o -> o.changed()).count()
                    + " services changed");
        }
    }
}
