package io.quiesce.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line reads from the process around it, injected so that tests can set it.
 *
 * @param variables        environment variables ({@code QUIESCE_DATA}, {@code QUIESCE_GROUPS}, ...)
 * @param osUser           the operating system user, the default principal
 * @param workingDirectory where a relative {@code ./quiesce-data} is resolved
 * @param interactive      true on a terminal: progress lines redraw in place and the demo takes its time
 */
public record Environment(Map<String, String> variables, String osUser, Path workingDirectory,
                          boolean interactive) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The real process environment. */
    public static Environment ofProcess() {
        return new Environment(System.getenv(), System.getProperty("user.name", "operator"),
                Path.of("").toAbsolutePath(), System.console() != null);
    }

    /** A variable's value, when it is set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
