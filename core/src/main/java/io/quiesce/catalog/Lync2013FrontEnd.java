package io.quiesce.catalog;

import java.util.List;

/**
 * The shipped role: a Lync Server 2013 Front End server, its Windows services in the order the
 * Windows list shows them, and the features that need DNS load balancing to be re-routed.
 */
final class Lync2013FrontEnd {
    static final Catalog CATALOG = Catalog.of(List.of(role()));

    private Lync2013FrontEnd() {
    }

    private static Role role() {
        return new Role(Catalog.LYNC_2013_FRONT_END, "Lync Server Front-End", List.of(
                new WindowsService("Lync Server Front-End", "RTCSRV",
                        List.of("Front-End", "Monitoring data collection agent"),
                        features("registration", "presence", "im", "calls")),
                service("Lync Server IM Conferencing", "RTCIMMCU", features("im-conferencing")),
                service("Lync Server Audio/Video Conferencing", "RTCAVMCU", features("av-conferencing")),
                service("Lync Server Application Sharing", "RTCASMCU", features("app-sharing")),
                service("Lync Server Web Conferencing", "RTCDATAMCU", features("web-conferencing")),
                service("Lync Server Conferencing Attendant", "RTCCAA", rerouted("attendant")),
                service("Lync Server Conferencing Announcement", "RTCCAS", rerouted("conferencing-announcement")),
                service("Lync Server Call Park", "RTCCPS", rerouted("call-park")),
                service("Lync Server Response Group", "RTCRGS", rerouted("response-group", "announcement"))));
    }

    private static WindowsService service(String displayName, String shortName, List<Feature> features) {
        return new WindowsService(displayName, shortName, List.of(), features);
    }

    private static List<Feature> features(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Feature(id, false)).toList();
    }

    /** Features that rely on DNS load balancing to be re-routed away from a paused server. */
    private static List<Feature> rerouted(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new Feature(id, true)).toList();
    }
}
