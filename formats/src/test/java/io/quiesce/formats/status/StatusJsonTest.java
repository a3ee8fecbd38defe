package io.quiesce.formats.status;

import io.quiesce.catalog.Catalog;
import io.quiesce.history.*;
import io.quiesce.event.Event;
import io.quiesce.formats.json.JsonText;
import io.quiesce.rules.Deployment;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status shape of docs/cli.md. */
class StatusJsonTest {
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    static final String FE = "Lync Server Front-End";

    @Test
    void givenAPausedServer_thenTheShapeNamesPoolsServersAndServicesWithShortNames() {
        Deployment d = Deployment.empty().evolve(List.of(
                new Event.PoolCreated(T, "pool1", false, "a", null),
                new Event.ServerAdded(T, "pool1", "fe01", "lync2013-frontend", FE,
                        List.of(FE, "Lync Server Call Park"), "a", null),
                new Event.SessionStarted(T, "fe01", FE, "s1", "im", "a"),
                new Event.ServicePaused(T.plusSeconds(5), "fe01", FE, T.plusSeconds(65), "a", null),
                new Event.StartupTypeChanged(T, "fe01", FE, StartupType.AUTOMATIC, StartupType.MANUAL, "a", null),
                new Event.ConnectionLost(T, "pool1", "call-park", "s2", "a")));

        String json = JsonText.write(StatusJson.of(d, Catalog.defaults()));

        assertThat(json).isEqualTo("{\"pools\":[{\"name\":\"pool1\",\"dnsLoadBalancing\":false,\"lostConnections\":1,\"quorum\":1,"
                + "\"servers\":[{\"name\":\"fe01\",\"pool\":\"pool1\",\"role\":\"lync2013-frontend\",\"status\":\"RUNNING\","
                + "\"up\":true,\"sessions\":1,\"services\":["
                + "{\"name\":\"Lync Server Front-End\",\"shortName\":\"RTCSRV\",\"status\":\"PAUSING\","
                + "\"startup\":\"MANUAL\",\"sessions\":1,\"deadline\":\"2026-11-26T10:01:05Z\","
                + "\"since\":\"2026-11-26T10:00:05Z\"},"
                + "{\"name\":\"Lync Server Call Park\",\"shortName\":\"RTCCPS\",\"status\":\"RUNNING\","
                + "\"startup\":\"AUTOMATIC\",\"sessions\":0,\"since\":\"2026-11-26T10:00:00Z\"}]}]}]}");
    }

    @Test
    void aServiceTheCatalogDoesNotKnowIsShownByItsName() {
        Deployment d = Deployment.empty().evolve(List.of(
                new Event.PoolCreated(T, "p", true, "a", null),
                new Event.ServerAdded(T, "p", "x1", "retired-role", "Svc", List.of("Svc"), "a", null)));

        String json = JsonText.write(StatusJson.of(d, Catalog.defaults()));

        assertThat(json).contains("\"shortName\":\"Svc\"");
    }

    @Test
    void onlyThePoolsAndServersAskedForAreShown() {
        Deployment d = Deployment.empty().evolve(List.of(
                new Event.PoolCreated(T, "p", true, "a", null),
                new Event.PoolCreated(T, "q", true, "a", null),
                new Event.ServerAdded(T, "p", "x1", "lync2013-frontend", FE, List.of(FE), "a", null),
                new Event.ServerAdded(T, "p", "x2", "lync2013-frontend", FE, List.of(FE), "a", null)));

        String json = JsonText.write(StatusJson.of(d, Catalog.defaults(), pool -> pool.name().equals("p"),
                server -> server.name().equals("x2")));

        assertThat(json).contains("\"name\":\"p\"", "\"name\":\"x2\"", "\"quorum\":2")
                .doesNotContain("\"name\":\"q\"", "\"name\":\"x1\"");
    }
}
