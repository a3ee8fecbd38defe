package io.quiesce.cli;

import io.quiesce.JournalDatabase;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceOptions;
import io.quiesce.auth.Authorization;
import io.quiesce.auth.Principal;
import io.quiesce.catalog.Catalog;
import io.quiesce.catalog.CatalogException;
import io.quiesce.cli.client.QuiesceClient;
import io.quiesce.cli.client.ServeFile;
import io.quiesce.cli.demo.DemoCommand;
import io.quiesce.cli.demo.SimulateCommand;
import io.quiesce.formats.catalog.CatalogLoader;
import io.quiesce.rules.Rejection;
import io.quiesce.rules.RejectionCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code quiesce} command: the options every subcommand shares, and what they need from the
 * process (environment, streams). Each subcommand opens the data directory, does one thing and
 * closes it.
 */
@Command(name = "quiesce", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = "Take Lync / Skype for Business servers out of a pool without dropping a call.",
        subcommands = {PoolCommand.class, ServerCommand.class, PauseCommand.class, ResumeCommand.class,
                StartupCommand.class, StopCommand.class, StartCommand.class, RestartCommand.class,
                ConnectCommand.class, EndCommand.class, ObserveCommand.class, StatusCommand.class, PlanCommand.class, HistoryCommand.class,
                ReplayCommand.class, ServeCommand.class, TokenCommand.class, WaitCommand.class,
                DemoCommand.class, SimulateCommand.class, RolloutGroup.class},
        footer = {"", "Exit codes: 0 done, 2 bad usage or input, 3 refused by a rule or guard, 4 not authorized, "
                + "5 data directory unusable (or its server unreachable), 6 timed out (wait). See docs/cli.md and"
                + " docs/server.md."})
public final class QuiesceCommand implements Callable<Integer> {
    static final String DEFAULT_DATA = "quiesce-data";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory (default: $QUIESCE_DATA, else ./quiesce-data).")
    Path data;

    @Option(names = "--journal", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Keep the journal in PostgreSQL, jdbc:postgresql://HOST:PORT/DB, as $QUIESCE_DB_USER with"
                    + " $QUIESCE_DB_PASSWORD (default: $QUIESCE_JOURNAL, else in the data directory).")
    String journal;

    @Option(names = "--as", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Who is asking (default: the OS user).")
    String as;

    @Option(names = "--groups", paramLabel = "G1,G2", split = ",", scope = ScopeType.INHERIT,
            description = "Groups of that user (default: $QUIESCE_GROUPS).")
    List<String> groups;

    @Option(names = "--admin-group", paramLabel = "GROUP", scope = ScopeType.INHERIT,
            description = "Group whose members may change things (default: $QUIESCE_ADMIN_GROUP, else Administrators).")
    String adminGroup;

    @Option(names = "--catalog", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Role catalog file (default: $QUIESCE_CATALOG, else the built-in Lync 2013 Front End role).")
    Path catalog;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print machine-readable JSON on stdout.")
    boolean json;

    // Given before the subcommand (quiesce --server URL status): history has its own --server SERVER.
    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.LOCAL,
            description = "Ask the quiesce server at URL, with the token in $QUIESCE_TOKEN (default: $QUIESCE_SERVER,"
                    + " else the server named by the data directory's serve.json, else none). Before the subcommand.")
    String server;

    /** Set once {@link #server()} has found a server: true when this caller may say who is asking. */
    private boolean namesPrincipal;

    private final Environment environment;
    private final PrintStream stdout;
    private final PrintStream stderr;

    QuiesceCommand(Environment environment, PrintStream stdout, PrintStream stderr) {
        this.environment = environment;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A fresh root for parsing a simulation step; without --as or --groups, the step runs as this invocation. */
    public QuiesceCommand forStep() {
        QuiesceCommand step = new QuiesceCommand(environment, stdout, stderr);
        step.as = as;
        step.groups = groups;
        return step;
    }

    /** The root of a parsed command line, from any of its subcommands. */
    public static QuiesceCommand of(CommandSpec spec) {
        return (QuiesceCommand) spec.root().userObject();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(stderr);
        return ExitCode.BAD_INPUT;
    }

    public Environment environment() {
        return environment;
    }

    /** Built on use, since {@code --json} is only known once the whole line is parsed. */
    public Output output() {
        return new Output(stdout, stderr, json);
    }

    /** Whether {@code --data} was given: the demo uses a temporary directory otherwise. */
    public boolean dataGiven() {
        return data != null;
    }

    public Path dataDirectory() {
        Path dir = data != null ? data
                : environment.variable("QUIESCE_DATA").map(Path::of).orElse(Path.of(DEFAULT_DATA));
        return environment.workingDirectory().resolve(dir).normalize();
    }

    /**
     * The server to send this call to: {@code --server} or {@code $QUIESCE_SERVER} with
     * {@code $QUIESCE_TOKEN}, else the live server that holds the data directory. Empty: open the
     * directory here.
     */
    Optional<QuiesceClient> server() {
        String url = server != null ? server : environment.variable("QUIESCE_SERVER").orElse(null);
        QuiesceClient client;
        if (url != null) {
            String token = environment.variable("QUIESCE_TOKEN").orElseThrow(() -> CliFailure.badInput(
                    "set $QUIESCE_TOKEN to a token of the server at " + url + " (quiesce token add makes one)."));
            // A token of 'token add' stands for its own principal: name one only when asked to.
            namesPrincipal = as != null || groups != null;
            client = new QuiesceClient(serverUrl(url), token);
        } else {
            Optional<ServeFile> serve = ServeFile.live(dataDirectory());
            if (serve.isEmpty()) {
                return Optional.empty();
            }
            // The local token proves the same access as opening the directory: it may name anyone.
            namesPrincipal = true;
            client = new QuiesceClient(serve.get().url(), serve.get().token());
        }
        if (catalog != null || adminGroup != null || journal != null) {
            throw CliFailure.badInput("the server at " + client.url() + " decides with the catalog, administrators"
                    + " group and journal it was started with: leave out --catalog, --admin-group and --journal, or"
                    + " give them to quiesce serve.");
        }
        return Optional.of(client);
    }

    private static String serverUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // Refused below, with what a server URL looks like.
        }
        throw CliFailure.badInput("--server takes the URL of a quiesce server, such as http://127.0.0.1:7070, not "
                + url + ".");
    }

    boolean namesPrincipal() {
        return namesPrincipal;
    }

    /** The journal database asked for, or null: the data directory's own journal. */
    public JournalDatabase journal() {
        String url = journal != null ? journal : environment.variable("QUIESCE_JOURNAL").orElse(null);
        if (url == null || url.isBlank()) {
            return null;
        }
        String user = environment.variable("QUIESCE_DB_USER").orElse("");
        if (user.isBlank()) {
            throw CliFailure.badInput("--journal needs the database user in $QUIESCE_DB_USER (and the password in"
                    + " $QUIESCE_DB_PASSWORD).");
        }
        try {
            return new JournalDatabase(url.trim(), user, environment.variable("QUIESCE_DB_PASSWORD").orElse(""));
        } catch (IllegalArgumentException e) {
            throw CliFailure.badInput(e.getMessage() + ".");
        }
    }

    public Principal principal() {
        String name = as != null ? as.trim() : environment.osUser();
        if (name.isEmpty()) {
            throw CliFailure.badInput("--as needs a user name.");
        }
        List<String> names = groups != null ? groups
                : environment.variable("QUIESCE_GROUPS").map(g -> Arrays.asList(g.split(","))).orElse(List.of());
        Set<String> memberOf = new HashSet<>();
        names.stream().map(String::trim).filter(g -> !g.isEmpty()).forEach(memberOf::add);
        return new Principal(name, memberOf);
    }

    /**
     * Rule 16 for a command that records more than the principal's own commands (simulate's
     * traffic, decided as a "traffic" administrator), checked before it opens anything: the
     * refusal, if any.
     */
    public Optional<Rejection> unauthorized(Principal principal) {
        if (new Authorization(adminGroup()).mayChange(principal)) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(RejectionCode.NOT_AUTHORIZED, principal.name() + " is not a member of "
                + adminGroup() + ": ask an administrator to do this."));
    }

    public String adminGroup() {
        return adminGroup != null ? adminGroup
                : environment.variable("QUIESCE_ADMIN_GROUP").orElse(Authorization.DEFAULT_ADMIN_GROUP);
    }

    Catalog catalog() {
        Path file = catalog != null ? catalog : environment.variable("QUIESCE_CATALOG").map(Path::of).orElse(null);
        if (file == null) {
            return Catalog.defaults();
        }
        try {
            return CatalogLoader.load(environment.workingDirectory().resolve(file));
        } catch (CatalogException e) {
            throw CliFailure.badInput("cannot use the catalog " + e.getMessage());
        }
    }

    public QuiesceOptions options(Path directory, Clock clock) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new CliFailure(ExitCode.DATA_DIRECTORY, directory + " is a file, not a data directory: use another"
                    + " --data.");
        }
        return QuiesceOptions.at(directory).withAdminGroup(adminGroup()).withCatalog(catalog()).withClock(clock);
    }

    /** Opens the data directory for this invocation (its journal where --journal says), with the wall clock. */
    Quiesce open() {
        return Quiesce.open(options(dataDirectory(), Clock.systemUTC()).withJournal(journal()));
    }
}
