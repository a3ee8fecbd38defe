package io.quiesce.examples;

import io.quiesce.Operator;
import io.quiesce.Quiesce;
import io.quiesce.Target;
import io.quiesce.rules.Decision;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;

import java.util.Optional;

/**
 * A user's own runbook for patching one server without dropping a call, written on the
 * library's API: set its startup type to manual (so the restart does not bring it back into the
 * pool), pause it, wait until it is drained, stop it, restart it, start it, resume it. It takes
 * one step at a time, so that time and users' traffic go on between steps, as they do on a real
 * night; {@code PatchRunbookPropertyTest} checks it against random traffic with the project's
 * property-test harness.
 */
public final class PatchRunbook {
    /** The steps, in order. */
    public enum Step {
        /** Startup type MANUAL, so that the restart leaves the server out of the pool. */
        SET_MANUAL,
        /** No new connection; sessions go on. */
        PAUSE,
        /** Nothing to do until the last session on the server has ended. */
        WAIT_DRAINED,
        /** Offline. */
        STOP,
        /** The patch's reboot. */
        RESTART,
        /** Back up and RUNNING: a manual service stays offline after a restart until started. */
        START,
        /** Makes sure no pause is left (a started service already takes new connections). */
        RESUME,
        /** Nothing left to do. */
        DONE
    }

    private final Quiesce quiesce;
    private final Operator operator;
    private final Target.Server server;
    private Step next = Step.SET_MANUAL;

    /** A runbook for {@code server}, its commands done by {@code operator}. */
    public PatchRunbook(Quiesce quiesce, Operator operator, Target.Server server) {
        this.quiesce = quiesce;
        this.operator = operator;
        this.server = server;
    }

    /** The step {@link #advance()} takes next. */
    public Step next() {
        return next;
    }

    /**
     * Takes the next step if it can be taken now: its decision, or empty while the server is not
     * drained yet. A refused step is not passed: the runbook stays at it.
     */
    public Optional<Decision> advance() {
        if (next == Step.DONE) {
            return Optional.empty();
        }
        if (next == Step.WAIT_DRAINED) {
            boolean drained = quiesce.status().server(server.name())
                    .map(s -> s.status() == ServiceStatus.DRAINED).orElse(false);
            if (drained) {
                next = Step.STOP;
            }
            return Optional.empty();
        }
        Decision decision = switch (next) {
            case SET_MANUAL -> operator.setStartup(server, StartupType.MANUAL);
            case PAUSE -> operator.pause(server);
            case STOP -> operator.stop(server);
            case RESTART -> operator.restart(server);
            case START -> operator.start(server);
            case RESUME -> operator.resume(server);
            case WAIT_DRAINED, DONE -> throw new IllegalStateException("not a command: " + next);
        };
        if (decision instanceof Decision.Accepted) {
            next = Step.values()[next.ordinal() + 1];
        }
        return Optional.of(decision);
    }
}
