package io.quiesce.formats.history;

import io.quiesce.formats.json.JsonText;
import io.quiesce.formats.json.StrictObject;
import io.quiesce.history.Replay;
import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.service.StartupType;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands as history lines, for hand-written scenarios:
 * {@code {"at":"...","command":"pause","server":"fe01","as":"alice","groups":["Administrators"]}}.
 * A line with neither {@code as} nor {@code groups} stands for an administrator named
 * {@code replay}; one with {@code as} alone is that user in no group, as on the command line.
 */
public final class CommandCodec {
    /** The administrator a command line stands for when it names no principal. */
    public static final String DEFAULT_PRINCIPAL = Replay.DEFAULT_PRINCIPAL;

    private CommandCodec() {
    }

    /**
     * @param adminGroup the group given to the default principal
     * @param lineNumber used to make up a session id for a {@code connect} without one
     */
    public static Command decode(StrictObject line, String adminGroup, int lineNumber) {
        String name = line.string("command");
        StrictObject f = line.at(name);
        f.has("command");
        Instant at = f.instant("at");
        // neither: the replay administrator; "as" alone: that user in no group, as on the command line
        String as = f.optionalString("as", null);
        Set<String> groups = f.has("groups") ? Set.copyOf(f.strings("groups"))
                : as != null ? Set.of() : Set.of(adminGroup);
        Principal by = new Principal(as != null ? as : DEFAULT_PRINCIPAL, groups);
        Act act = new Act(by, at, f.optionalString("reason", null));
        Command command = switch (name) {
            case "createPool" -> new Command.CreatePool(f.string("pool"), f.optionalBool("dnsLoadBalancing", true),
                    act);
            case "setDnsLoadBalancing" -> new Command.SetDnsLoadBalancing(f.string("pool"), f.bool("on"), act);
            case "addServer" -> new Command.AddServer(f.string("pool"), f.string("server"),
                    f.optionalString("role", null), act);
            case "pause" -> {
                Duration deadline = deadline(f, at);
                boolean noDeadline = f.optionalBool("noDeadline", false);
                if (deadline != null && noDeadline) {
                    throw new LineFormatException("pause takes \"deadline\" or \"noDeadline\", not both");
                }
                yield new Command.Pause(f.string("server"), f.optionalString("service", null), deadline, noDeadline,
                        f.optionalBool("force", false), act);
            }
            case "resume" -> new Command.Resume(f.string("server"), f.optionalString("service", null), act);
            case "start" -> new Command.Start(f.string("server"), f.optionalString("service", null), act);
            case "stop" -> new Command.Stop(f.string("server"), f.optionalString("service", null),
                    f.optionalBool("force", false), act);
            case "startup" -> new Command.SetStartup(f.string("server"), f.optionalString("service", null),
                    StartupType.parse(f.string("type")).orElseThrow(() -> new LineFormatException(
                            "\"type\" must be automatic, manual or disabled")), act);
            case "restart" -> new Command.Restart(f.string("server"), f.optionalBool("force", false), act);
            case "connect" -> new Command.Connect(f.string("pool"), f.string("feature"),
                    f.optionalString("id", "line-" + lineNumber), act);
            case "end" -> new Command.End(f.string("session"), act);
            case "observe" -> new Command.Observe(f.string("server"), f.string("service"), f.count("sessions"), act);
            default -> throw new LineFormatException("unknown command \"" + name + "\"");
        };
        f.refuseOthers();
        return command;
    }

    /** A line as {@link #encode} makes it (or edits of one) read back as a command. */
    public static Command decode(Map<String, Object> line, String adminGroup, int lineNumber) {
        return decode(StrictObject.of(line, "a command line"), adminGroup, lineNumber);
    }

    /** A pause's duration after {@code from}; one that ends past the last instant there is cannot be decided. */
    private static Duration deadline(StrictObject f, Instant from) {
        String s = f.optionalString("deadline", null);
        if (s == null) {
            return null;
        }
        Duration deadline;
        try {
            deadline = Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new LineFormatException("\"deadline\" is not an ISO-8601 duration: " + s);
        }
        try {
            from.plus(deadline);
        } catch (DateTimeException | ArithmeticException e) {
            throw new LineFormatException("\"deadline\" " + s + " after " + from
                    + " ends past the last instant there is");
        }
        return deadline;
    }

    /** The command as one line of JSON, which {@link #decode} reads back as the same command. */
    public static String line(Command command) {
        return JsonText.write(encode(command));
    }

    /** The line that {@link #decode} reads back as the same command. */
    public static Map<String, Object> encode(Command command) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", command.at().toString());
        if (command instanceof Command.CreatePool c) {
            put(line, "createPool", c.act(), "pool", c.pool(), "dnsLoadBalancing", c.dnsLoadBalancing());
        } else if (command instanceof Command.SetDnsLoadBalancing c) {
            put(line, "setDnsLoadBalancing", c.act(), "pool", c.pool(), "on", c.on());
        } else if (command instanceof Command.AddServer c) {
            put(line, "addServer", c.act(), "pool", c.pool(), "server", c.server(), "role", c.role());
        } else if (command instanceof Command.Pause c) {
            put(line, "pause", c.act(), "server", c.server(), "service", c.service(), "deadline",
                    c.deadline() == null ? null : c.deadline().toString(), "noDeadline", c.clearDeadline() ? true : null,
                    "force", c.force());
        } else if (command instanceof Command.Resume c) {
            put(line, "resume", c.act(), "server", c.server(), "service", c.service());
        } else if (command instanceof Command.Start c) {
            put(line, "start", c.act(), "server", c.server(), "service", c.service());
        } else if (command instanceof Command.Stop c) {
            put(line, "stop", c.act(), "server", c.server(), "service", c.service(), "force", c.force());
        } else if (command instanceof Command.SetStartup c) {
            put(line, "startup", c.act(), "server", c.server(), "service", c.service(), "type", c.type().label());
        } else if (command instanceof Command.Restart c) {
            put(line, "restart", c.act(), "server", c.server(), "force", c.force());
        } else if (command instanceof Command.Connect c) {
            put(line, "connect", c.act(), "pool", c.pool(), "feature", c.feature(), "id", c.session());
        } else if (command instanceof Command.End c) {
            put(line, "end", c.act(), "session", c.session());
        } else if (command instanceof Command.Observe c) {
            put(line, "observe", c.act(), "server", c.server(), "service", c.service(), "sessions", c.sessions());
        } else {
            throw new IllegalArgumentException("not a command of history files: " + command);
        }
        return line;
    }

    private static void put(Map<String, Object> line, String name, Act act, Object... fields) {
        line.put("command", name);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                line.put((String) fields[i], fields[i + 1]);
            }
        }
        line.put("as", act.by().name());
        line.put("groups", new ArrayList<>(new java.util.TreeSet<>(act.by().groups())));
        if (act.reason() != null) {
            line.put("reason", act.reason());
        }
    }
}
