package io.quiesce.cli;

import io.quiesce.cli.serve.ServeSettings;
import io.quiesce.cli.serve.Serving;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--listen HOST:PORT] [--tls-keystore FILE.p12]}: holds the data directory open,
 * answers the HTTP API and fires deadlines as they pass, until SIGTERM or SIGINT.
 */
@Command(name = "serve", description = "Hold the data directory open and serve it over HTTP until stopped (SIGTERM,"
        + " Ctrl-C); every other quiesce call on this directory then goes through it.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7070",
            description = "Where to listen (default: 127.0.0.1:7070; port 0 picks a free one). Not loopback: TLS.")
    String listen;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
            description = "Serve HTTPS with this PKCS#12 key store; its password in $QUIESCE_TLS_PASSWORD.")
    Path keystore;

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        ServeSettings settings = settings(root);
        CountDownLatch stop = new CountDownLatch(1);
        Serving serving;
        try {
            serving = Serving.start(root.options(root.dataDirectory(), Clock.systemUTC()), settings,
                    root.output().err());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliFailure.badInput(e.getMessage());
        }
        try (serving) {
            Signal.handle(new Signal("TERM"), s -> stop.countDown());
            Signal.handle(new Signal("INT"), s -> stop.countDown());
            root.output().err().println("quiesce: serving " + serving.quiesce().dataDirectory() + " at "
                    + serving.server().url() + " (stop with Ctrl-C or SIGTERM)");
            stop.await();
            root.output().err().println("quiesce: stopping; finishing the writes in flight");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.DONE;
    }

    private ServeSettings settings(QuiesceCommand root) {
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = colon < 1 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw CliFailure.badInput("--listen takes HOST:PORT, such as 127.0.0.1:7070, not " + listen + ".");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        char[] password = null;
        Path store = keystore == null ? null : root.environment().workingDirectory().resolve(keystore);
        if (store != null) {
            password = root.environment().variable("QUIESCE_TLS_PASSWORD").orElseThrow(() -> CliFailure.badInput(
                    "set $QUIESCE_TLS_PASSWORD to the password of " + store + ".")).toCharArray();
        }
        ServeSettings loopback = ServeSettings.loopback(port);
        return new ServeSettings(host, port, store, password, loopback.idleTimeout(), loopback.maxBody(), List.of());
    }
}
