package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.Quiesce;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/** A subcommand that only reads: open to everyone (rule 16). Asked of the server when one holds the directory. */
abstract class ReadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    abstract int read(Quiesce quiesce, Output out);

    /** The same read answered by a server: it prints what {@link #read} would have printed. */
    abstract int readFrom(QuiesceClient server, Output out);

    @Override
    public Integer call() {
        QuiesceCommand root = QuiesceCommand.of(spec);
        Optional<QuiesceClient> server = root.server();
        if (server.isPresent()) {
            return readFrom(server.get(), root.output());
        }
        try (Quiesce quiesce = root.open()) {
            return read(quiesce, root.output());
        }
    }
}
