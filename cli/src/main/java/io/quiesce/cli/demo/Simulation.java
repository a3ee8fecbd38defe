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
import io.quiesce.service.ServiceState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Simulated users on an open data directory, in simulated time: they connect and hang up through
 * the same library calls as everyone, so all they do is decided by the rules and recorded.
 * Time moves in steps of one simulated second; after each, pause deadlines that passed fire and
 * a watcher may look at the deployment.
 *
 * <p>Users' commands are kept in flight, up to {@link #IN_FLIGHT}, rather than sent one at a time:
 * the library decides the commands of one thread in the order they were sent, so waiting for each
 * answer would only leave the journal idle. What a user does next can depend on an answer (a
 * session that started is later hung up), so the simulation decides each command itself first with
 * the same pure rules on its own copy of the deployment, and acts on that; the library's answer,
 * when it comes, is what is counted. A run is thus the same, for a seed, as one that waited for
 * every answer. Should an answer differ from the copy's (something else changed the pool), the
 * copy is read again at the end of the simulated second.
 */
final class Simulation {
    /** Looks at the deployment after each simulated second; true stops the run early. */
    @FunctionalInterface
    interface Watcher {
        boolean seen(Deployment deployment, Instant now);
    }

    private static final Duration TICK = Duration.ofSeconds(1);
    /** Commands sent and not yet answered; well below the library's limit of waiting commands. */
    static final int IN_FLIGHT = 1_000;

    /** A command sent, what the simulation's copy decided for it, and what to do with the library's answer. */
    private record Sent(Decision expected, CompletableFuture<Decision> answer, Consumer<Decision> then) {
    }

    private final Quiesce quiesce;
    private final ManualClock clock;
    private final Principal users;
    private final List<Traffic> traffic = new ArrayList<>();
    private final Tally tally = new Tally();
    private final Deque<Sent> inFlight = new ArrayDeque<>();
    /** The deployment as the commands sent so far leave it; null when it must be read from the library. */
    private Deployment view;
    /** When the last command sent is stamped: the library records none before the one it decided last. */
    private Instant latest;

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

    /** Decides and records an operator's command at the current simulated time, after every user's command. */
    Decision execute(Command command) {
        settle();
        Decision decision = quiesce.execute(command);
        view = null;
        latest = latest == null || command.at().isAfter(latest) ? command.at() : latest;
        return decision;
    }

    Act act(Principal by, String reason) {
        return new Act(by, now(), reason);
    }

    /** Runs the users for {@code span}, or until the watcher has seen enough; every command is answered on return. */
    void run(Duration span, Watcher watcher) {
        Instant until = now().plus(span);
        while (now().isBefore(until)) {
            Instant tickEnd = now().plus(TICK).isAfter(until) ? until : now().plus(TICK);
            playUntil(tickEnd);
            clock.advanceTo(tickEnd);
            if (watcher.seen(fireDeadlines(), tickEnd)) {
                break;
            }
        }
        settle();
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
                Decision expected = send(new Command.Connect(c.pool(), c.feature(), c.session(), act(users, null)),
                        this::connected);
                if (started(expected).isPresent()) {
                    next.connected(c);
                }
            } else if (move instanceof Traffic.HangUp h) {
                // A refused hang-up is a session that was interrupted before its user was done.
                send(new Command.End(h.session(), act(users, null)), d -> {
                    if (d instanceof Decision.Accepted) {
                        tally.sessionEnded();
                    }
                });
            }
        }
    }

    private void connected(Decision d) {
        if (d instanceof Decision.Rejected r) {
            throw new CliFailure(ExitCode.REFUSED, "a simulated user's connection was refused ("
                    + r.rejection().code() + "): " + r.rejection().message());
        }
        started(d).ifPresentOrElse(s -> tally.sessionStarted(s.server(), s.feature()), tally::connectionLost);
    }

    private static Optional<Event.SessionStarted> started(Decision d) {
        return d instanceof Decision.Accepted a ? a.events().stream().filter(Event.SessionStarted.class::isInstance)
                .map(Event.SessionStarted.class::cast).findFirst() : Optional.empty();
    }

    /**
     * Decides {@code command} on the copy, sends it, and returns what the copy decided. A refused
     * connection is sent only once every command before it is answered, and waited for: the run stops
     * on one, as it did before anything was kept in flight.
     */
    private Decision send(Command command, Consumer<Decision> then) {
        Command stamped = stamped(command);
        Decision expected = expect(stamped);
        if (expected instanceof Decision.Rejected && command instanceof Command.Connect) {
            settle();
            then.accept(quiesce.execute(stamped));
            return expected;
        }
        if (inFlight.size() >= IN_FLIGHT) {
            answered(inFlight.poll());
        }
        inFlight.add(new Sent(expected, quiesce.executeAsync(stamped).toCompletableFuture(), then));
        return expected;
    }

    /**
     * The command as the library records it: never before the one it decided last (the library's
     * clock, which stamps what is sent, is the simulated one, so users' commands are in time order).
     */
    private Command stamped(Command command) {
        return latest != null && command.at().isBefore(latest) ? command.withAt(latest) : command;
    }

    /** What the library will decide for {@code command}, once all before it: decided on the copy, which it changes. */
    private Decision expect(Command command) {
        Deployment before = view();
        Decision expected = quiesce.rules().decide(before, command);
        if (expected instanceof Decision.Accepted a) {
            view = before.evolve(a.events());
        }
        latest = command.at();
        return expected;
    }

    /** Waits for every command in flight and hands each answer on, in the order they were sent. */
    private void settle() {
        while (!inFlight.isEmpty()) {
            answered(inFlight.poll());
        }
    }

    private void answered(Sent sent) {
        Decision actual;
        try {
            actual = sent.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (!actual.equals(sent.expected())) {
            view = null;
        }
        sent.then().accept(actual);
    }

    private Deployment view() {
        if (view == null) {
            settle();
            view = quiesce.status();
        }
        return view;
    }

    /**
     * The library fires pause deadlines by a timer in real time; in simulated time they are
     * checked after each step instead, once every user's command is answered. The library decides
     * those that passed next, before any command sent after the check, each stamped with its
     * deadline (or the time of the decision before, if later): the copy decides them the same way.
     */
    private Deployment fireDeadlines() {
        List<ServiceState> due = view().pendingDeadlines().stream().filter(s -> !s.deadline().isAfter(now()))
                .toList();
        if (!due.isEmpty()) {
            settle();
            quiesce.checkDeadlines();
            due.forEach(s -> expect(stamped(new Command.DeadlinePassed(s.server(), s.name(), s.deadline()))));
        }
        return view();
    }
}
