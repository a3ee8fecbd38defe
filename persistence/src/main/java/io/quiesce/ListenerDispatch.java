package io.quiesce;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.rules.Deployment;
import io.quiesce.rules.StatusChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Turns recorded events into listener calls. A failing listener never stops the others. */
final class ListenerDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    private ListenerDispatch() {
    }

    static void dispatch(QuiesceListener listener, Deployment before, List<Event> events, Deployment after) {
        try {
            listener.recorded(events);
            for (Event e : events) {
                if (e instanceof SessionInterrupted si) {
                    listener.sessionInterrupted(si.server(), si.service(), si.session(), si.feature(), si.cause(),
                            si.at());
                } else if (e instanceof ServiceDrained d) {
                    listener.drained(d.server(), d.service(), d.at());
                } else if (e instanceof ServiceRestarted r && r.pauseCleared()) {
                    listener.pauseClearedByRestart(r.server(), r.service(), r.at());
                } else if (e instanceof ConnectionLost lost) {
                    listener.connectionLost(lost.pool(), lost.feature(), lost.session(), lost.at());
                }
            }
            for (StatusChange c : StatusChange.of(before, events, after)) {
                listener.statusChanged(c.server(), c.service(), c.from(), c.to(), c.at());
            }
        } catch (RuntimeException e) {
            LOG.warn("a Quiesce listener failed; the others still run", e);
        }
    }
}
