package io.quiesce.server;

import io.quiesce.service.ServiceState;
import io.quiesce.service.ServiceStatus;
import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server's services keep the role's order and read as any map would, however often one is replaced. */
class ServerStateTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    private static ServerState server() {
        Map<String, ServiceState> services = new LinkedHashMap<>();
        for (String name : new String[] {"Front-End", "Mediation", "Conferencing"}) {
            services.put(name, ServiceState.installed("fe01", name, T));
        }
        return new ServerState("fe01", "pool1", "frontend", "Front-End", services);
    }

    @Test
    void givenAServiceReplaced_whenRead_thenOnlyItChangedAndTheOrderHolds() {
        ServerState before = server();
        ServiceState stopped = new ServiceState("fe01", "Mediation", ServiceStatus.OFFLINE, StartupType.MANUAL,
                Map.of(), null, T.plusSeconds(5));

        ServerState after = before.withService(stopped);

        assertThat(after.services().keySet()).containsExactly("Front-End", "Mediation", "Conferencing");
        assertThat(after.service("Mediation")).isEqualTo(stopped);
        assertThat(before.service("Mediation").status()).isEqualTo(ServiceStatus.RUNNING);
        assertThat(after.service("Unknown")).isNull();
        assertThat(after.services()).containsEntry("Front-End", before.service("Front-End"));
    }

    @Test
    void givenTheSameServicesBuiltTwoWays_whenCompared_thenTheyAreEqualAndPrintAlike() {
        ServiceState stopped = new ServiceState("fe01", "Mediation", ServiceStatus.OFFLINE, StartupType.AUTOMATIC,
                Map.of(), null, T);
        ServerState replaced = server().withService(stopped);
        Map<String, ServiceState> plain = new LinkedHashMap<>(server().services());
        plain.put("Mediation", stopped);
        ServerState built = new ServerState("fe01", "pool1", "frontend", "Front-End", plain);

        assertThat(replaced).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(replaced.services()).isEqualTo(plain);
        assertThat(replaced.toString()).isEqualTo(built.toString());
        assertThat(replaced.services().toString()).isEqualTo(plain.toString());
    }

    @Test
    void givenItsServices_whenChangedFromOutside_thenRefused() {
        assertThatThrownBy(() -> server().services().put("x", null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
