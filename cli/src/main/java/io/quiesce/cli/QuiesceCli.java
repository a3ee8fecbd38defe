package io.quiesce.cli;

import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.cli.client.ServerUnusable;
import io.quiesce.DataDirectoryException;
import io.quiesce.QuiesceException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code quiesce} command line: parses, runs one subcommand, and turns every failure into one
 * line on stderr and an exit code of docs/cli.md. No stack trace reaches the user.
 */
public final class QuiesceCli {
    private QuiesceCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Environment.ofProcess(), System.out, System.err));
    }

    /** Runs one invocation; returns its exit code. */
    public static int run(String[] args, Environment environment, PrintStream out, PrintStream err) {
        // No logging set up here: a call answered by a server must start fast, and opening a data directory
        // sets logging up itself before its actor system starts.
        try {
            CommandLine cli = commandLine(new QuiesceCommand(environment, out, err), out, err);
            cli.setParameterExceptionHandler(QuiesceCli::usageError);
            cli.setExecutionExceptionHandler((e, line, parsed) -> failure(e, err));
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            return failure(e, err);
        }
    }

    /** The parser of the whole command line; simulate also parses its steps with it. */
    public static CommandLine commandLine(QuiesceCommand root, PrintStream out, PrintStream err) {
        // picocli's own warnings (an unbalanced quote in a --groups list) would add lines to a refusal that
        // must say why in one line; the usage error that follows already names what is wrong.
        CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        CommandLine cli = new CommandLine(root);
        // An argument is taken as written: a reason or session id may start with @, and reading it as
        // the name of a file of arguments would be a surprise (and `@.` failed with a stack trace).
        cli.setExpandAtFiles(false);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Duration.class, new Durations());
        cli.registerConverter(Path.class, new FileNames());
        return cli;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        line.getErr().println("usage error: " + e.getMessage() + " (see '"
                + line.getCommandSpec().qualifiedName() + " --help').");
        return ExitCode.BAD_INPUT;
    }

    private static int failure(Throwable e, PrintStream err) {
        if (e instanceof CliFailure f) {
            err.println("error: " + f.getMessage());
            return f.exitCode();
        } else if (e instanceof DataDirectoryException d) {
            err.println("error: " + d.getMessage());
            return ExitCode.DATA_DIRECTORY;
        } else if (e instanceof ServerUnusable s) {
            err.println("error: " + s.getMessage());
            return ExitCode.DATA_DIRECTORY;
        } else if (e instanceof QuiesceClient.Refused r) {
            // A refusal prints nothing on stdout: its one line goes to stderr, as a direct call's does.
            err.print(r.printout().err());
            return r.printout().exit();
        } else if (e instanceof QuiesceException q) {
            err.println("error: " + q.getMessage());
            return ExitCode.DATA_DIRECTORY;
        }
        err.println("internal error: " + e + " (please report it)");
        return ExitCode.INTERNAL_ERROR;
    }
}
