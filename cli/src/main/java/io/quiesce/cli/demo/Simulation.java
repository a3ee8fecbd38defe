package io.quiesce.cli.demo;


import io.quiesce.ManualClock;
import io.quiesce.Quiesce;
import io.quiesce.QuiesceListener;
import io.quiesce.auth.Principal;
import io.quiesce.cli.CliFailure;
import io.quiesce.cli.ExitCode;
import io.quiesce.command.Act;
import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.Deployment;
import io.quiesce.service.InterruptionCause;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Simulated users on an open data directory, in simulated time: they connect and hang up through
 * the same library calls as everyone, so all they do is decided by the rules and recorded.
 * Time moves in steps of one simulated second; after each, pause deadlines that passed fire and
 * a watcher may look at the deployment.
 */
final class Simulation {
    /** Looks at the deployment after each simulated second; true stops the run early. */
    @FunctionalInterface
    interface Watcher {
        boolean seen(Deployment deployment, Instant now);
    }

    private static final Duration TICK = Duration.ofSeconds(1);

    private final Quiesce quiesce;
    private final ManualClock clock;
    private final Principal users;
    private final List<Traffic> traffic = new ArrayList<>();
    private final Tally tally = new Tally();

    Simulation(Quiesce quiesce, ManualClock clock, Principal users) {
        this.quiesce = quiesce;
        this.clock = clock;
        this.users = users;
        quiesce.addListener(new QuiesceListener() {
            @Override
            public void sessionInterrupted(String server, String service, String session, String feature,
                                           InterruptionCause cause, Instant at) {
                tally.sessionInterrupted();
            }
        });
    }

    void add(Traffic users) {
        traffic.add(users);
    }

    Tally tally() {
        return tally;
    }

    Instant now() {
        return clock.instant();
    }

    Quiesce quiesce() {
        return quiesce;
    }

    /** Decides and records an operator's command at the current simulated time. */
    Decision execute(Command command) {
        return quiesce.execute(command);
    }

    Act act(Principal by, String reason) {
        return new Act(by, now(), reason);
    }

    /** Runs the users for {@code span}, or until the watcher has seen enough. */
    void run(Duration span, Watcher watcher) {
        Instant until = now().plus(span);
        while (now().isBefore(until)) {
            Instant tickEnd = now().plus(TICK).isAfter(until) ? until : now().plus(TICK);
            playUntil(tickEnd);
            clock.advanceTo(tickEnd);
            if (watcher.seen(fireDeadlines(), tickEnd)) {
                return;
            }
        }
    }

    private void playUntil(Instant end) {
        while (true) {
            Traffic next = traffic.stream().min(Comparator.comparing(Traffic::nextAt)).orElse(null);
            if (next == null || !next.nextAt().isBefore(end)) {
                return;
            }
            clock.advanceTo(next.nextAt());
            Traffic.Move move = next.next();
            if (move instanceof Traffic.Connect c) {
                Decision d = quiesce.execute(new Command.Connect(c.pool(), c.feature(), c.session(), act(users, null)));
                if (d instanceof Decision.Rejected r) {
                    throw new CliFailure(ExitCode.REFUSED, "a simulated user's connection was refused ("
                            + r.rejection().code() + "): " + r.rejection().message());
                }
                ((Decision.Accepted) d).events().stream().filter(Event.SessionStarted.class::isInstance)
                        .map(Event.SessionStarted.class::cast).findFirst().ifPresentOrElse(started -> {
                            tally.sessionStarted(started.server(), started.feature());
                            next.connected(c);
                        }, tally::connectionLost);
            } else if (move instanceof Traffic.HangUp h
                    && quiesce.execute(new Command.End(h.session(), act(users, null))) instanceof Decision.Accepted) {
                // A refused hang-up is a session that was interrupted before its user was done.
                tally.sessionEnded();
            }
        }
    }

    /**
     * The library fires pause deadlines by a timer in real time; in simulated time they are
     * checked after each step instead. Asking for the status after the check waits until the
     * check is handled, so its events carry this simulated time.
     */
    private Deployment fireDeadlines() {
        Deployment d = quiesce.status();
        if (d.nextDeadline().filter(at -> !at.isAfter(now())).isPresent()) {
            quiesce.checkDeadlines();
            d = quiesce.status();
        }
        return d;
    }
}
