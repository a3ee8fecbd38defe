package io.quiesce.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's parser on its own, for tests that generate command lines: which command a
 * line would run and with which data directory, without running it.
 *
 * @param command     the command's names from the root: {@code [quiesce, pool, create]}
 * @param data        the {@code --data} given, or null
 * @param helpOrVersion true when {@code --help} or {@code --version} was asked for
 */
public record ParsedArguments(List<String> command, Path data, boolean helpOrVersion) {
    /** One parser for every line: building picocli's model takes longer than parsing a line. */
    private static final QuiesceCommand ROOT = new QuiesceCommand(new Environment(Map.of(), "parser", Path.of(""),
            false), new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
    private static final CommandLine PARSER = QuiesceCli.commandLine(ROOT, new PrintStream(
            OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));

    /** Empty when picocli refuses the line: the usage error that the command line reports with exit 2. */
    public static synchronized Optional<ParsedArguments> parse(String... args) {
        ParseResult result;
        try {
            // picocli sets every option back to its initial value before it parses a line.
            result = PARSER.parseArgs(args);
        } catch (ParameterException e) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        boolean help = false;
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            command.add(r.commandSpec().name());
            help |= r.isUsageHelpRequested() || r.isVersionHelpRequested();
        }
        return Optional.of(new ParsedArguments(List.copyOf(command), ROOT.data, help));
    }

    /** The command that would run: {@code create} for {@code pool create}. */
    public String leaf() {
        return command.get(command.size() - 1);
    }
}
