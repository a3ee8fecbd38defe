package io.quiesce.rollout;

import io.quiesce.rules.Deployment;
import io.quiesce.rules.RejectionCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.quiesce.rollout.Pools.CALL_PARK;
import static io.quiesce.rollout.Pools.FRONT_END;
import static org.assertj.core.api.Assertions.assertThat;

class RolloutPlannerTest {
    private final RolloutPlanner planner = new RolloutPlanner(Pools.CATALOG);

    @Test
    void aThreeServerPoolIsRolledOneServerAtATimeKeepingQuorum() {
        // given a pool of three idle servers
        Deployment d = Pools.pool(true, "fe01", "fe02", "fe03");
        // when planned with the defaults
        RolloutPlan plan = planner.plan(d, "pool1", RolloutOptions.defaults());
        // then one server per batch, in the order added, each batch keeping 2 of 3 up
        assertThat(plan.possible()).isTrue();
        assertThat(plan.schedule()).containsExactly(List.of("fe01"), List.of("fe02"), List.of("fe03"));
        assertThat(plan.batches().get(0).quorum()).isEqualTo("2 of 3 servers stay up while offline (quorum 2)");
        assertThat(plan.batches().get(0).capacity()).startsWith("2 running instance(s) of ");
    }

    @Test
    void batchesNeverGoBelowQuorumEvenWhenMoreMayBeUnavailable() {
        // given six servers: quorum 3
        Deployment d = Pools.pool(true, "fe01", "fe02", "fe03", "fe04", "fe05", "fe06");
        // when up to five may be unavailable
        RolloutPlan plan = planner.plan(d, "pool1", RolloutOptions.defaults().withMaxUnavailable(5));
        // then batches hold three servers, so three stay up
        assertThat(plan.schedule()).containsExactly(List.of("fe01", "fe02", "fe03"), List.of("fe04", "fe05", "fe06"));
    }

    @Test
    void aPoolWithTwoOfThreeServersDownCannotBeRolled() {
        // given fe02 and fe03 already offline
        Deployment d = Pools.stopped(Pools.stopped(Pools.pool(true, "fe01", "fe02", "fe03"), "fe02"), "fe03");
        // when planned
        RolloutPlan plan = planner.plan(d, "pool1", RolloutOptions.defaults());
        // then it says why: two servers are down, and taking fe01 out would lose quorum
        assertThat(plan.possible()).isFalse();
        assertThat(plan.batches()).isEmpty();
        assertThat(plan.obstacles()).extracting(r -> r.code()).containsOnly(RejectionCode.ROLLOUT_NOT_POSSIBLE);
        assertThat(plan.obstacles()).anySatisfy(r -> assertThat(r.message())
                .startsWith("taking fe01 offline would leave pool pool1 with 0 of 3 servers up, below its quorum of 2"));
        assertThat(plan.obstacles()).anySatisfy(r -> assertThat(r.message()).startsWith("fe02 is already offline"));
    }

    @Test
    void aSingleServerPoolCannotBeRolledWithoutLosingItsLastRunningInstance() {
        RolloutPlan plan = planner.plan(Pools.pool(true, "fe01"), "pool1", RolloutOptions.defaults());
        assertThat(plan.possible()).isFalse();
        assertThat(plan.obstacles()).anySatisfy(r -> assertThat(r.message()).contains("with no running " + FRONT_END));
    }

    @Test
    void theOnlyRunningInstanceOfAServiceKeepsItsServerOutOfTheRollout() {
        // given call park stopped on fe02 and fe03: fe01 holds the pool's only running one
        Deployment d = Pools.pool(true, "fe01", "fe02", "fe03");
        d = d.evolve(List.of(new io.quiesce.event.Event.ServiceStopped(Pools.T0, "fe02", CALL_PARK, false, "a", null),
                new io.quiesce.event.Event.ServiceStopped(Pools.T0, "fe03", CALL_PARK, false, "a", null)));
        // when planned
        RolloutPlan plan = planner.plan(d, "pool1", RolloutOptions.defaults());
        // then fe01 cannot go
        assertThat(plan.obstacles()).singleElement().satisfies(r -> assertThat(r.message())
                .startsWith("taking fe01 out would leave pool pool1 with no running " + CALL_PARK));
    }

    @Test
    void namedServersAreRolledInTheOrderGivenAndUnknownOnesRefused() {
        Deployment d = Pools.pool(true, "fe01", "fe02", "fe03");
        assertThat(planner.plan(d, "pool1", RolloutOptions.defaults().withServers(List.of("fe03", "fe01"))).schedule())
                .containsExactly(List.of("fe03"), List.of("fe01"));
        assertThat(planner.plan(d, "pool1", RolloutOptions.defaults().withServers(List.of("fe09"))).obstacles())
                .extracting(r -> r.code()).containsExactly(RejectionCode.UNKNOWN_SERVER);
        assertThat(planner.plan(d, "pool9", RolloutOptions.defaults()).obstacles())
                .extracting(r -> r.code()).containsExactly(RejectionCode.UNKNOWN_POOL);
        assertThat(planner.plan(d, "pool1", RolloutOptions.defaults().withMaxUnavailable(0)).obstacles())
                .extracting(r -> r.code()).containsExactly(RejectionCode.INVALID_ARGUMENT);
    }

    @Test
    void sessionsAreWaitedForUnderWaitAndInterruptedOnlyUnderForce() {
        // given fe01 with two calls, in a pool without DNS load balancing
        Deployment d = Pools.pool(false, "fe01", "fe02", "fe03");
        d = Pools.withSession(d, "fe01", FRONT_END, "s1", "calls");
        d = Pools.withSession(d, "fe01", CALL_PARK, "s2", "call-park");
        // when planned
        RolloutPlan.ServerPlan fe01 = planner.plan(d, "pool1", RolloutOptions.defaults()).batches().get(0).servers().get(0);
        // then
        assertThat(fe01.sessions()).extracting(s -> s.session()).containsExactly("s1", "s2");
        assertThat(fe01.interrupted(OnTimeout.WAIT)).isZero();
        assertThat(fe01.interrupted(OnTimeout.ABORT)).isZero();
        assertThat(fe01.interrupted(OnTimeout.FORCE)).isEqualTo(2);
        assertThat(fe01.notRerouted()).contains("call-park", "attendant");
    }
}
