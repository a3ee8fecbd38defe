package io.quiesce.persistence;

import io.quiesce.event.Event;
import io.quiesce.event.Event.ConnectionLost;
import io.quiesce.event.Event.ServiceDrained;
import io.quiesce.event.Event.ServiceEvent;
import io.quiesce.event.Event.ServiceRestarted;
import io.quiesce.event.Event.SessionInterrupted;
import io.quiesce.rules.Deployment;
import io.quiesce.service.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Turns recorded events into listener calls. A failing listener never stops the others. */
final class ListenerDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    private ListenerDispatch() {
    }

    static void dispatch(QuiesceListener listener, Deployment before, List<Event> events, Deployment after) {
        try {
            listener.recorded(events);
            Map<String, ServiceEvent> lastByService = new LinkedHashMap<>();
            for (Event e : events) {
                if (e instanceof ServiceEvent se) {
                    lastByService.put(se.server() + "\u0000" + se.service(), se);
                }
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
            for (ServiceEvent se : lastByService.values()) {
                ServiceState was = before.server(se.server()).map(s -> s.service(se.service())).orElse(null);
                ServiceState now = after.server(se.server()).map(s -> s.service(se.service())).orElseThrow();
                if (was != null && was.status() != now.status()) {
                    listener.statusChanged(se.server(), se.service(), was.status(), now.status(), se.at());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("a Quiesce listener failed; the others still run", e);
        }
    }

    static void written(QuiesceListener listener, Duration took) {
        tell(listener, l -> l.journalWritten(took));
    }

    static void tell(QuiesceListener listener, java.util.function.Consumer<QuiesceListener> what) {
        try {
            what.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("a Quiesce listener failed; the others still run", e);
        }
    }
}
