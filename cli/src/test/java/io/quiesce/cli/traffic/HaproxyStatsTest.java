package io.quiesce.cli.traffic;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading HAProxy's show stat CSV: server lines only, scur found by the header. */
class HaproxyStatsTest {
    static final String REPLY = """
            # pxname,svname,qcur,qmax,scur,smax,slim,stot,status,
            fe,FRONTEND,,,7,9,2000,40,OPEN,
            RTCSRV,fe01,0,0,3,5,,12,UP,
            RTCSRV,fe02,0,0,4,4,,20,DRAIN,
            RTCSRV,BACKEND,0,0,7,9,200,40,UP,

            """;

    @Test
    void givenAShowStatReply_thenEachServerLineGivesItsCurrentSessions() {
        assertThat(HaproxyStats.parse(REPLY)).containsExactly(
                new HaproxyStats.ServerSessions("RTCSRV", "fe01", 3),
                new HaproxyStats.ServerSessions("RTCSRV", "fe02", 4));
    }

    @Test
    void givenSomethingElse_thenItIsRefused() {
        assertThatThrownBy(() -> HaproxyStats.parse("Unknown command\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("show stat");
        assertThatThrownBy(() -> HaproxyStats.parse("# pxname,svname,qcur\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scur");
    }

    @Test
    void aSocketIsHostAndPortOrAPath() {
        assertThat(HaproxyStats.address("127.0.0.1:9999")).isEqualTo(new InetSocketAddress("127.0.0.1", 9999));
        assertThat(HaproxyStats.address("/run/haproxy/admin.sock"))
                .isEqualTo(UnixDomainSocketAddress.of("/run/haproxy/admin.sock"));
    }
}
