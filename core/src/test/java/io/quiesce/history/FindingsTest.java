package io.quiesce.history;

import io.quiesce.service.StartupType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings say what happened: who lacked DNS load balancing, what a cleared pause or a missing instance led to. */
class FindingsTest {
    private static long count(ReplayResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code() == code).count();
    }

    @Test
    void sessionsRoutedToARunningServerAreNotBlamedOnMissingDnsLoadBalancing() {
        // Given a pool without DNS load balancing, s1 paused with an attendant call, and the next one on running s2
        History h = History.pool(false, "s1", "s2")
                .connect("attendant", "a0")
                .pause("s1", null)
                .connect("attendant", "a1");
        // When s2 is restarted by force
        h.restartForced("s2");

        // Then its session is interrupted by force, and DNS load balancing would have changed nothing
        ReplayResult r = h.replay();
        assertThat(r.timeline().interruptions()).singleElement().satisfies(i -> {
            assertThat(i.session()).isEqualTo("a1");
            assertThat(i.server()).isEqualTo("s2");
        });
        assertThat(count(r, FindingCode.INTERRUPTED_WITHOUT_DNS_LB)).isZero();
        assertThat(count(r, FindingCode.FORCED_INTERRUPTION)).isPositive();
        assertThat(count(h.whatIf("dnsLoadBalancing.p=on"), FindingCode.INTERRUPTED_WITHOUT_DNS_LB)).isZero();
    }

    @Test
    void sessionsOnAServerBeforeItsPauseAreNotBlamedOnMissingDnsLoadBalancing() {
        History h = History.pool(false, "s1", "s2")
                .connect("call-park", "c1")
                .pause("s1", "RTCCPS")
                .stopForced("s1", "RTCCPS");

        ReplayResult r = h.replay();
        assertThat(r.interrupted()).isEqualTo(1);
        assertThat(count(r, FindingCode.INTERRUPTED_WITHOUT_DNS_LB)).isZero();
    }

    @Test
    void sessionsThatLandedOnAPausedServiceForLackOfDnsLoadBalancingAreReported() {
        // Given s1's Call Park paused (drained), a call-park session still lands on it: tie, s1 first
        History h = History.pool(false, "s1", "s2")
                .pause("s1", "RTCCPS")
                .connect("call-park", "c1");
        // When s1's Call Park is stopped by force
        h.stopForced("s1", "RTCCPS");

        // Then that one interruption is for lack of DNS load balancing; with it the session goes to s2
        ReplayResult r = h.replay();
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.INTERRUPTED_WITHOUT_DNS_LB)
                .singleElement().satisfies(f -> {
                    assertThat(f.server()).isEqualTo("s1");
                    assertThat(f.detail()).startsWith("1 session(s) of features that need DNS load balancing were"
                            + " interrupted: they had landed on it while it was paused");
                });
        ReplayResult withDnsLb = h.whatIf("dnsLoadBalancing.p=on");
        assertThat(withDnsLb.interrupted()).isZero();
        assertThat(count(withDnsLb, FindingCode.INTERRUPTED_WITHOUT_DNS_LB)).isZero();
    }

    @Test
    void aClearedPauseSaysThatNoSessionArrivedWhenNoneDid() {
        History h = History.pool(true, "s1", "s2", "s3").pause("s1", null).restartForced("s1");

        assertThat(h.replay().findings()).filteredOn(f -> f.code() == FindingCode.PAUSE_CLEARED_BY_RESTART)
                .allSatisfy(f -> assertThat(f.detail()).endsWith("open to new connections (none arrived while it ran).")
                        .doesNotContain("took new connections"));
    }

    @Test
    void aClearedPauseCountsTheSessionsItTookAgain() {
        History h = History.pool(true, "s1", "s2", "s3")
                .connect("im", "x1").connect("im", "x2")
                .pause("s1", null).restartForced("s1")
                .connect("im", "y1");

        assertThat(h.replay().findings()).filteredOn(f -> f.code() == FindingCode.PAUSE_CLEARED_BY_RESTART
                        && f.service().equals("Lync Server Front-End"))
                .singleElement().satisfies(f -> assertThat(f.detail())
                        .endsWith("open to new connections; it took 1 new session(s) while it ran."));
    }

    @Test
    void aPoolLeftWithoutAnInstanceSaysWhetherConnectionsWereLost() {
        History quiet = History.pool(true, "s1").then(new io.quiesce.command.Command.Stop("s1", "RTCCPS", true,
                io.quiesce.command.Act.of(History.ADMIN, History.T0.plusSeconds(600))));
        assertThat(quiet.replay().findings()).filteredOn(f -> f.code() == FindingCode.NO_RUNNING_INSTANCE)
                .singleElement().satisfies(f -> assertThat(f.detail()).isEqualTo("pool p was left with no RUNNING"
                        + " Lync Server Call Park: no new connection for its features was lost while none ran."));

        History busy = History.pool(true, "s1").startup("s1", StartupType.AUTOMATIC)
                .then(new io.quiesce.command.Command.Stop("s1", "RTCCPS", true,
                        io.quiesce.command.Act.of(History.ADMIN, History.T0.plusSeconds(600))));
        busy.then(new io.quiesce.command.Command.Connect("p", "call-park", "lost1",
                        io.quiesce.command.Act.of(History.ADMIN, History.T0.plusSeconds(660))))
                .then(new io.quiesce.command.Command.Connect("p", "im", "fine",
                        io.quiesce.command.Act.of(History.ADMIN, History.T0.plusSeconds(720))));
        ReplayResult r = busy.replay();
        assertThat(r.lostConnections()).isEqualTo(1);
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.NO_RUNNING_INSTANCE)
                .singleElement().satisfies(f -> assertThat(f.detail()).endsWith(
                        ": 1 new connection(s) for its features were lost while none ran."));
    }
}
