package io.quiesce.benchmarks;

import io.quiesce.Operator;
import io.quiesce.auth.Principal;
import io.quiesce.rules.Decision;

import java.util.List;

/** The pool the benchmarks work on: servers of the default Lync Server 2013 Front End role. */
final class Pools {
    static final Principal ADMIN = Principal.of("bench", "Administrators");
    static final String POOL = "pool1";
    /** One feature per Windows service of the default role, so sessions spread over all nine services. */
    static final List<String> FEATURES = List.of("registration", "im-conferencing", "av-conferencing",
            "app-sharing", "web-conferencing", "attendant", "conferencing-announcement", "call-park",
            "response-group");
    static final int SERVICES_PER_SERVER = FEATURES.size();

    private Pools() {
    }

    static String server(int i) {
        return String.format("fe%02d", i + 1);
    }

    /** Creates the pool and its servers through the API. */
    static void create(Operator op, int servers) {
        accepted(op.createPool(POOL));
        for (int i = 0; i < servers; i++) {
            accepted(op.addServer(POOL, server(i)));
        }
    }

    static Decision.Accepted accepted(Decision d) {
        if (d instanceof Decision.Accepted a) {
            return a;
        }
        throw new IllegalStateException("refused: " + ((Decision.Rejected) d).rejection());
    }
}
