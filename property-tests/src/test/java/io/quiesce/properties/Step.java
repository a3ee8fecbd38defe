package io.quiesce.properties;

import io.quiesce.auth.Principal;
import io.quiesce.command.Act;
import io.quiesce.command.Command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One generated step: time passes, the process restarts, or someone sends a request. Pause
 * deadlines that time has passed fire before the next request or restart, stamped with that
 * moment, as the library does when it checks its deadlines.
 */
sealed interface Step {
    default List<Step> simpler() {
        return List.of();
    }

    record Wait(Duration duration) implements Step {
        public Wait {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a wait must be positive: " + duration);
            }
        }

        public List<Step> simpler() {
            return Shrinks.shorter(duration).stream().<Step>map(Wait::new).toList();
        }
    }

    /** Close and reopen the process (the actor system); the core model rebuilds from its journal. */
    record Reopen() implements Step {
        /** A history file has no line for a restart: one the failure does not need becomes a line. */
        public List<Step> simpler() {
            return List.of(NOTHING);
        }
    }

    /**
     * A request refused at once, the simplest a step can become when only its moment matters: the
     * deadlines that fire before it still fire, and {@code quiesce replay} accepts the line (an
     * unknown session is refused, not rejected as a mistake in the file).
     */
    Send NOTHING = admin(new Request.End(Generator.NO_SESSION));

    /** {@code reason} (may be null) is recorded on what the request changes (rule 17). */
    record Send(Principal as, String reason, Request request) implements Step {
        public Send {
            Objects.requireNonNull(as, "as");
            Objects.requireNonNull(request, "request");
        }

        Command command(Instant at) {
            return request.command(new Act(as, at, reason));
        }

        public List<Step> simpler() {
            List<Step> out = new ArrayList<>();
            if (!as.equals(Principals.ADMIN)) {
                out.add(new Send(Principals.ADMIN, reason, request));
            }
            if (reason != null) {
                out.add(new Send(as, null, request));
            }
            request.simpler().forEach(r -> out.add(new Send(as, reason, r)));
            if (!equals(NOTHING)) {
                out.add(NOTHING);
            }
            return out;
        }
    }

    static Send admin(Request request) {
        return new Send(Principals.ADMIN, null, request);
    }
}
