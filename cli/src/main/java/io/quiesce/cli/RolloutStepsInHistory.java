package io.quiesce.cli;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.formats.history.ReplayJson;
import io.quiesce.history.HistoryLine;
import io.quiesce.service.StartupType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rollout steps of a history file, for {@code replay}: a history file holds the server events
 * only, and each event a rollout caused carries the reason {@code rollout N of POOL: TEXT}, so the
 * steps are read back from those reasons, one row per step of a server (its services together).
 * It sees the lines as the replay reads them ({@link #seeing}), so the file is read once.
 */
final class RolloutStepsInHistory {
    private static final Pattern REASON = Pattern.compile("^(rollout \\d+ of \\S+?)(?:: .*)?$");

    private final Instant until;
    private final List<Step> steps = new ArrayList<>();

    /** {@code until}: steps after it are left out (null: all). */
    RolloutStepsInHistory(Instant until) {
        this.until = until;
    }

    /** One step of one server: when it began, which rollout, the server, the step and how many services. */
    private static final class Step {
        final Instant at;
        final String rollout;
        final String server;
        final String step;
        int services = 1;

        Step(Instant at, String rollout, String server, String step) {
            this.at = at;
            this.rollout = rollout;
            this.server = server;
            this.step = step;
        }

        String[] cells() {
            return new String[] {Times.format(at), rollout, server, step + " (" + Words.count(services, "service") + ")"};
        }
    }

    /** The same lines, each seen here on its way (on whichever thread reads them). */
    Iterable<HistoryLine> seeing(Iterable<HistoryLine> lines) {
        return () -> {
            Iterator<HistoryLine> all = lines.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public HistoryLine next() {
                    HistoryLine line = all.next();
                    see(line);
                    return line;
                }
            };
        };
    }

    /** The rows, oldest first; none when no rollout is in what was seen. */
    synchronized List<String[]> rows() {
        return steps.stream().map(Step::cells).toList();
    }

    /** The same steps in the {@code replay --json} shape. */
    synchronized List<Map<String, Object>> json() {
        return steps.stream().map(s -> ReplayJson.rolloutStep(s.at, s.rollout, s.server, s.step, s.services)).toList();
    }

    private void see(HistoryLine line) {
        Step s = line instanceof HistoryLine.EventLine e ? ofEvent(e.event())
                : ofCommand(((HistoryLine.CommandLine) line).command());
        // most lines are no step: only the few that are take the lock
        if (s == null || (until != null && s.at.isAfter(until))) {
            return;
        }
        add(s);
    }

    private synchronized void add(Step s) {
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last != null && last.rollout.equals(s.rollout) && last.server.equals(s.server) && last.step.equals(s.step)) {
            last.services++;
        } else {
            steps.add(s);
        }
    }

    private static Step ofEvent(Event e) {
        String server = e instanceof Event.ServiceEvent on ? on.server()
                : e instanceof Event.ServerEvent of ? of.server() : null;
        if (!(e instanceof Event.AdministrativeAct act) || server == null) {
            return null;
        }
        String step;
        if (e instanceof Event.StartupTypeChanged changed) {
            step = startup(changed.to());
        } else if (e instanceof Event.ServicePaused) {
            step = "pause";
        } else if (e instanceof Event.ServiceStopped) {
            step = "stop";
        } else if (e instanceof Event.ServiceStarted) {
            step = "start";
        } else if (e instanceof Event.ServiceResumed) {
            step = "resume";
        } else {
            step = e.getClass().getSimpleName();
        }
        return step(act.reason(), e.at(), server, step);
    }

    private static Step ofCommand(Command c) {
        if (!(c instanceof Command.Authorized a)) {
            return null;
        }
        if (c instanceof Command.SetStartup s) {
            return step(a.act().reason(), c.at(), s.server(), startup(s.type()));
        } else if (c instanceof Command.Pause p) {
            return step(a.act().reason(), c.at(), p.server(), "pause");
        } else if (c instanceof Command.Stop s) {
            return step(a.act().reason(), c.at(), s.server(), "stop");
        } else if (c instanceof Command.Start s) {
            return step(a.act().reason(), c.at(), s.server(), "start");
        } else if (c instanceof Command.Resume r) {
            return step(a.act().reason(), c.at(), r.server(), "resume");
        } else if (c instanceof Command.Restart r) {
            return step(a.act().reason(), c.at(), r.server(), c.verb());
        }
        return null;
    }

    private static String startup(StartupType to) {
        return to == StartupType.MANUAL ? "set startup manual" : "restore startup type";
    }

    private static Step step(String reason, Instant at, String server, String step) {
        if (reason == null) {
            return null;
        }
        Matcher rollout = REASON.matcher(reason);
        return rollout.matches() ? new Step(at, rollout.group(1), server, step) : null;
    }
}
