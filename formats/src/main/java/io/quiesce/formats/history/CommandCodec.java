package io.quiesce.formats.history;

import io.quiesce.history.*;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands as history lines, for hand-written scenarios (SPEC §6):
 * {@code {"at":"...","command":"pause","server":"fe01","as":"alice","groups":["Administrators"]}}.
 * A line with neither {@code as} nor {@code groups} stands for an administrator named
 * {@code replay}; one with {@code as} alone is that user in no group, as on the command line.
 */
public final class CommandCodec {
    public static final String DEFAULT_PRINCIPAL = Replay.DEFAULT_PRINCIPAL;
    private static final Set<String> COMMON = Set.of("at", "command", "as", "groups", "reason");

    private CommandCodec() {
    }

    /**
     * @param adminGroup the group given to the default principal
     * @param lineNumber used to make up a session id for a {@code connect} without one
     */
    public static Command decode(Map<String, Object> line, String adminGroup, int lineNumber) {
        Fields f = new Fields(line);
        String name = f.string("command");
        Instant at = f.instant("at");
        Set<String> groups = line.containsKey("groups") ? Set.copyOf(f.strings("groups"))
                : line.containsKey("as") ? Set.of() : Set.of(adminGroup);
        Principal by = new Principal(f.optionalString("as", DEFAULT_PRINCIPAL), groups);
        Act act = new Act(by, at, f.optionalString("reason", null));
        Command command = switch (name) {
            case "createPool" -> new Command.CreatePool(f.string("pool"), f.optionalBoolean("dnsLoadBalancing", true),
                    act);
            case "setDnsLoadBalancing" -> new Command.SetDnsLoadBalancing(f.string("pool"), f.bool("on"), act);
            case "addServer" -> new Command.AddServer(f.string("pool"), f.string("server"),
                    f.optionalString("role", null), act);
            case "pause" -> {
                Duration deadline = f.optionalDeadline("deadline", at);
                boolean noDeadline = f.optionalBoolean("noDeadline", false);
                if (deadline != null && noDeadline) {
                    throw new LineFormatException("pause takes \"deadline\" or \"noDeadline\", not both");
                }
                yield new Command.Pause(f.string("server"), f.optionalString("service", null), deadline, noDeadline,
                        f.optionalBoolean("force", false), act);
            }
            case "resume" -> new Command.Resume(f.string("server"), f.optionalString("service", null), act);
            case "start" -> new Command.Start(f.string("server"), f.optionalString("service", null), act);
            case "stop" -> new Command.Stop(f.string("server"), f.optionalString("service", null),
                    f.optionalBoolean("force", false), act);
            case "startup" -> new Command.SetStartup(f.string("server"), f.optionalString("service", null),
                    StartupType.parse(f.string("type")).orElseThrow(() -> new LineFormatException(
                            "\"type\" must be automatic, manual or disabled")), act);
            case "restart" -> new Command.Restart(f.string("server"), f.optionalBoolean("force", false), act);
            case "connect" -> new Command.Connect(f.string("pool"), f.string("feature"),
                    f.optionalString("id", "line-" + lineNumber), act);
            case "end" -> new Command.End(f.string("session"), act);
            default -> throw new LineFormatException("unknown command \"" + name + "\"");
        };
        f.refuseOthers(name);
        return command;
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

    /** Typed reads of a line's fields that remember which were read, so the rest can be refused. */
    private static final class Fields {
        private final Map<String, Object> line;
        private final Set<String> used = new LinkedHashSet<>(COMMON);

        Fields(Map<String, Object> line) {
            this.line = line;
        }

        String string(String name) {
            used.add(name);
            if (!(line.get(name) instanceof String s) || s.isBlank()) {
                throw new LineFormatException("needs \"" + name + "\" as a non-empty string");
            }
            return s;
        }

        String optionalString(String name, String otherwise) {
            return line.containsKey(name) ? string(name) : otherwise;
        }

        boolean bool(String name) {
            used.add(name);
            if (!(line.get(name) instanceof Boolean b)) {
                throw new LineFormatException("needs \"" + name + "\" as true or false");
            }
            return b;
        }

        boolean optionalBoolean(String name, boolean otherwise) {
            return line.containsKey(name) ? bool(name) : otherwise;
        }

        Instant instant(String name) {
            String s = string(name);
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new LineFormatException("\"" + name + "\" is not an ISO-8601 instant: " + s);
            }
        }

        /** A duration after {@code from}; one that ends past the last instant there is cannot be decided. */
        Duration optionalDeadline(String name, Instant from) {
            if (!line.containsKey(name)) {
                return null;
            }
            String s = string(name);
            Duration deadline;
            try {
                deadline = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new LineFormatException("\"" + name + "\" is not an ISO-8601 duration: " + s);
            }
            try {
                from.plus(deadline);
            } catch (DateTimeException | ArithmeticException e) {
                throw new LineFormatException("\"" + name + "\" " + s + " after " + from
                        + " ends past the last instant there is");
            }
            return deadline;
        }

        List<String> strings(String name) {
            used.add(name);
            if (!(line.get(name) instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof String)) {
                throw new LineFormatException("needs \"" + name + "\" as a list of strings");
            }
            return list.stream().map(String.class::cast).toList();
        }

        void refuseOthers(String command) {
            for (String field : line.keySet()) {
                if (!used.contains(field)) {
                    throw new LineFormatException(command + " has no field \"" + field + "\"");
                }
            }
        }
    }
}
