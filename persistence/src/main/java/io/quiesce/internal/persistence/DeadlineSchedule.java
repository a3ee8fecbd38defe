package io.quiesce.internal.persistence;

import io.quiesce.command.Command;
import io.quiesce.command.Command.DeadlinePassed;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When pause deadlines fire: pure, without actors or a clock (the time is given). A passed deadline
 * is handed out once until it is answered (else every check while the journal is slow would queue it
 * again), stamped with its own instant, as a replay of the history does. The timer waits for the
 * earliest deadline not yet handed out, at most a day at a time.
 */
final class DeadlineSchedule {
    /** Timers cannot wait much beyond 248 days: a far deadline is re-armed a day at a time. */
    static final Duration MAX_TIMER = Duration.ofDays(1);

    private final Set<String> handedOut = new HashSet<>();

    /** The deadlines passed by {@code now} and not handed out yet, earliest first; they are handed out now. */
    List<DeadlinePassed> due(Deployment deployment, Instant now) {
        return deployment.pendingDeadlines().stream().filter(s -> !s.deadline().isAfter(now))
                .filter(s -> handedOut.add(key(s.server(), s.name())))
                .map(s -> new DeadlinePassed(s.server(), s.name(), s.deadline())).toList();
    }

    /** The command of {@code service}'s passed deadline, handed out now (again, if it already was). */
    DeadlinePassed handOut(ServiceState service) {
        handedOut.add(key(service.server(), service.name()));
        return new DeadlinePassed(service.server(), service.name(), service.deadline());
    }

    /**
     * Whether a deadline at {@code deadline} is decided before {@code command}, stamped {@code at}, as
     * a replay of the history decides it: a deadline up to the command's time goes first, and
     * deadlines go in their order (another deadline's command waits only for those strictly before it).
     */
    static boolean before(Instant deadline, Command command, Instant at) {
        return command instanceof DeadlinePassed own ? deadline.isBefore(own.at()) : !deadline.isAfter(at);
    }

    /** The pending deadlines decided before {@code command}, stamped {@code at}, earliest first. */
    static List<ServiceState> ahead(Deployment deployment, Command command, Instant at) {
        return deployment.pendingDeadlines().stream().filter(s -> before(s.deadline(), command, at)).toList();
    }

    /** The deadline's command was answered (recorded, refused or failed): it may be handed out again. */
    void answered(DeadlinePassed command) {
        handedOut.remove(key(command.server(), command.service()));
    }

    /** How long the timer waits from {@code now}; empty when no deadline is left to wait for. */
    Optional<Duration> nextTimer(Deployment deployment, Instant now) {
        if (deployment.nextDeadline().isEmpty()) {
            return Optional.empty(); // the usual case, asked after every batch: no list made
        }
        return deployment.pendingDeadlines().stream().filter(s -> !handedOut.contains(key(s.server(), s.name())))
                .findFirst().map(ServiceState::deadline).map(at -> {
                    Duration delay = Duration.between(now, at);
                    return delay.isNegative() ? Duration.ZERO : delay.compareTo(MAX_TIMER) > 0 ? MAX_TIMER : delay;
                });
    }

    private static String key(String server, String service) {
        return server + "|" + service;
    }
}
