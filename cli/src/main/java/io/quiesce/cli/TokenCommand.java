package io.quiesce.cli;

import io.quiesce.cli.serve.BearerTokens;
import io.quiesce.cli.serve.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code token add NAME --groups G1,G2 | token list | token revoke NAME}: the bearer tokens a
 * server accepts besides its local one. They live in the data directory, hashed and owner-only; a
 * running server sees a change at once.
 */
@Command(name = "token", description = "Make, list or revoke the bearer tokens of the data directory's server.",
        subcommands = {TokenCommand.Add.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(QuiesceCommand.of(spec).output().err());
        return ExitCode.BAD_INPUT;
    }

    /** The tokens of the data directory, or of the journal database when --journal names one. */
    static Tokens tokens(CommandSpec spec) {
        QuiesceCommand root = QuiesceCommand.of(spec);
        return Tokens.of(root.dataDirectory(), root.journal());
    }

    @Command(name = "add", description = "Make a token that stands for NAME in the groups of --groups G1,G2; it is"
            + " printed once.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Who the token stands for.")
        String name;

        @Override
        public Integer call() {
            QuiesceCommand root = QuiesceCommand.of(spec);
            Output out = root.output();
            // --groups is the option every command shares: here it names the token's groups, not the caller's.
            if (root.groups == null) {
                throw CliFailure.badInput("say which groups the token stands for with --groups G1,G2 (Administrators"
                        + " to change things).");
            }
            Set<String> memberOf = new TreeSet<>();
            root.groups.stream().map(String::trim).filter(g -> !g.isEmpty()).forEach(memberOf::add);
            if (name.isBlank()) {
                throw CliFailure.badInput("a token needs the name of who it stands for.");
            }
            String token;
            try (Tokens tokens = tokens(spec)) {
                token = tokens.add(name.trim(), memberOf);
            } catch (IllegalArgumentException e) {
                out.refused("TOKEN_EXISTS", e.getMessage());
                return ExitCode.REFUSED;
            }
            if (out.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("name", name.trim());
                json.put("token", token);
                out.json(json);
            } else {
                out.line(token);
                out.error("token for " + name.trim() + " (" + String.join(",", memberOf) + "): shown once, only its"
                        + " hash is kept.");
            }
            return ExitCode.DONE;
        }
    }

    @Command(name = "list", description = "List the tokens: who each stands for and when it was made.")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Output out = QuiesceCommand.of(spec).output();
            List<BearerTokens.Entry> entries;
            try (Tokens tokens = tokens(spec)) {
                entries = tokens.entries();
            }
            if (out.json()) {
                List<Object> list = new ArrayList<>();
                entries.forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", e.name());
                    m.put("groups", new ArrayList<>(new TreeSet<>(e.groups())));
                    m.put("created", e.created().toString());
                    list.add(m);
                });
                out.json(Map.of("tokens", list));
            } else if (entries.isEmpty()) {
                out.line("no tokens yet: make one with 'quiesce token add NAME --groups G1,G2'.");
            } else {
                Table table = new Table().row("NAME", "GROUPS", "CREATED");
                entries.forEach(e -> table.row(e.name(), String.join(",", new TreeSet<>(e.groups())),
                        Times.format(e.created())));
                out.lines(table.lines(""));
            }
            return ExitCode.DONE;
        }
    }

    @Command(name = "revoke", description = "Revoke the token of NAME: a running server refuses it at once.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Whose token.")
        String name;

        @Override
        public Integer call() {
            Output out = QuiesceCommand.of(spec).output();
            boolean revoked;
            try (Tokens tokens = tokens(spec)) {
                revoked = tokens.revoke(name);
            }
            if (!revoked) {
                out.refused("UNKNOWN_TOKEN", "no token named " + name + ": see them with 'quiesce token list'.");
                return ExitCode.BAD_INPUT;
            }
            if (!out.json()) {
                out.line("revoked the token of " + name);
            }
            return ExitCode.DONE;
        }
    }
}
