package io.quiesce.properties;

import io.quiesce.command.Command;
import io.quiesce.event.Event;
import io.quiesce.rules.Decision;
import io.quiesce.rules.RejectionCode;
import io.quiesce.service.InterruptionCause;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated sequences exercise what the issue asks for, and mostly do something. */
class GeneratorTest {
    static final int SEQUENCES = 300;
    final Generator generator = Generator.standard(60, 1, 3);

    @Test
    void theSameSeedGivesTheSameSequence() {
        assertThat(generator.generate(7)).isEqualTo(generator.generate(7)).isNotEqualTo(generator.generate(8));
    }

    @Test
    void sequencesHaveTheAskedShape() {
        Set<Integer> poolSizes = new TreeSet<>();
        Set<Boolean> dnsLoadBalancing = new HashSet<>();
        for (long seed = 0; seed < SEQUENCES; seed++) {
            List<Step> steps = generator.generate(seed);
            assertThat(steps).hasSizeLessThanOrEqualTo(60);
            assertThat(steps.stream().filter(s -> s instanceof Step.Reopen).count()).isBetween(1L, 3L);
            for (int i = 1; i < steps.size(); i++) {
                assertThat(steps.get(i) instanceof Step.Wait && steps.get(i - 1) instanceof Step.Wait)
                        .as("two waits in a row at %d of seed %d", i, seed).isFalse();
            }
            Request.CreatePool pool = (Request.CreatePool) ((Step.Send) steps.get(0)).request();
            dnsLoadBalancing.add(pool.dnsLoadBalancing());
            poolSizes.add((int) steps.stream().filter(s -> s instanceof Step.Send send
                    && send.request() instanceof Request.AddServer).count());
        }
        assertThat(poolSizes).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(dnsLoadBalancing).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void mostRequestsChangeSomethingAndEveryKindOfCaseComesUp() {
        int requests = 0;
        int changed = 0;
        Set<Class<?>> kinds = new HashSet<>();
        Set<RejectionCode> refusals = EnumSet.noneOf(RejectionCode.class);
        Set<InterruptionCause> interruptions = EnumSet.noneOf(InterruptionCause.class);
        boolean pauseCleared = false;
        boolean lost = false;
        boolean takenWhilePaused = false;
        boolean drainedByObservation = false;
        for (long seed = 0; seed < SEQUENCES; seed++) {
            ModelRun run = new ModelRun(Decider.standard());
            for (Step step : generator.generate(seed)) {
                for (Observation o : run.apply(step)) {
                    if (o.command() instanceof Command.Authorized) {
                        requests++;
                        changed += o.changed() ? 1 : 0;
                        kinds.add(o.command().getClass());
                    }
                    if (o.decision() instanceof Decision.Rejected r) {
                        refusals.add(r.rejection().code());
                    }
                    for (Event e : o.events()) {
                        if (e instanceof Event.SessionInterrupted si) {
                            interruptions.add(si.cause());
                        }
                        pauseCleared |= e instanceof Event.ServiceRestarted sr && sr.pauseCleared();
                        lost |= e instanceof Event.ConnectionLost;
                        drainedByObservation |= e instanceof Event.ServiceDrained
                                && o.command() instanceof Command.Observe;
                        takenWhilePaused |= e instanceof Event.SessionStarted ss && o.before().server(ss.server())
                                .orElseThrow().service(ss.service()).status().isPaused();
                    }
                }
            }
        }
        assertThat(changed).as("requests that changed something, of %d", requests).isGreaterThan(requests / 2);
        assertThat(kinds).hasSize(12);
        assertThat(refusals).contains(RejectionCode.NOT_AUTHORIZED, RejectionCode.UNKNOWN_SERVER,
                RejectionCode.UNKNOWN_SERVICE, RejectionCode.COMPONENT_NOT_PAUSABLE, RejectionCode.UNKNOWN_SESSION,
                RejectionCode.UNKNOWN_POOL, RejectionCode.UNKNOWN_FEATURE, RejectionCode.DUPLICATE_SESSION,
                RejectionCode.SERVICE_OFFLINE, RejectionCode.STARTUP_DISABLED, RejectionCode.SESSIONS_ACTIVE,
                RejectionCode.DNS_LB_SESSIONS, RejectionCode.CAPACITY_GUARD, RejectionCode.QUORUM_GUARD);
        assertThat(interruptions).containsExactlyInAnyOrder(InterruptionCause.values());
        assertThat(pauseCleared).as("a restart cleared a pause").isTrue();
        assertThat(lost).as("a connection was lost").isTrue();
        assertThat(takenWhilePaused).as("rule 6's exception was used").isTrue();
        assertThat(drainedByObservation).as("an observed count falling to 0 drained a service").isTrue();
    }

    @Test
    void processRestartsMeetSessionsPausesAndDeadlinesThatPassedMeanwhile() {
        Generator actorShape = Generator.standard(25, 1, 3);
        int withSessions = 0;
        int withPauses = 0;
        int firingDeadlines = 0;
        for (long seed = 0; seed < SEQUENCES; seed++) {
            ModelRun run = new ModelRun(Decider.standard());
            for (Step step : actorShape.generate(seed)) {
                if (step instanceof Step.Reopen) {
                    withSessions += run.state().servers().values().stream().anyMatch(s -> s.sessionCount() > 0) ? 1 : 0;
                    withPauses += run.state().servers().values().stream().flatMap(s -> s.services().values().stream())
                            .anyMatch(s -> s.status().isPaused()) ? 1 : 0;
                    firingDeadlines += run.apply(step).isEmpty() ? 0 : 1;
                } else {
                    run.apply(step);
                }
            }
        }
        assertThat(withSessions).as("restarts with sessions").isGreaterThan(SEQUENCES / 5);
        assertThat(withPauses).as("restarts with paused services").isGreaterThan(SEQUENCES / 10);
        assertThat(firingDeadlines).as("restarts that fire a deadline that passed").isGreaterThan(SEQUENCES / 50);
    }
}
