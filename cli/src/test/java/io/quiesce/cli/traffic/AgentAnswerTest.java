package io.quiesce.cli.traffic;

import io.quiesce.command.Command;
import org.junit.jupiter.api.Test;

import static io.quiesce.cli.traffic.Pool.act;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent check's word for each state of the service HAProxy names. */
class AgentAnswerTest {
    final AgentAnswer agent = new AgentAnswer(Pool.CATALOG);

    @Test
    void givenARunningService_thenReadyUp() {
        assertThat(agent.answer(Pool.ofThree().state(), "fe01 RTCSRV\n")).isEqualTo(AgentWord.READY_UP);
        assertThat(AgentWord.READY_UP.line()).isEqualTo("ready up\n");
    }

    @Test
    void givenAPausingOrDrainedService_thenDrain() {
        Pool pool = Pool.ofThree().observe("fe01", "RTCSRV", 2).pause("fe01", "RTCSRV");
        assertThat(agent.answer(pool.state(), "fe01 RTCSRV")).isEqualTo(AgentWord.DRAIN);
        pool.observe("fe01", "RTCSRV", 0);
        assertThat(agent.answer(pool.state(), "fe01 rtcsrv\r\n")).isEqualTo(AgentWord.DRAIN);
        assertThat(AgentWord.DRAIN.line()).isEqualTo("drain\n");
    }

    @Test
    void givenAnOfflineService_thenMaint() {
        Pool pool = Pool.ofThree().pause("fe01", "RTCSRV").apply(new Command.Stop("fe01", "RTCSRV", false, act()));
        assertThat(agent.answer(pool.state(), "fe01 Lync Server Front-End\n")).isEqualTo(AgentWord.MAINT);
    }

    @Test
    void givenUnknownNamesOrNothing_thenDown() {
        assertThat(agent.answer(Pool.ofThree().state(), "fe09 RTCSRV\n")).isEqualTo(AgentWord.DOWN);
        assertThat(agent.answer(Pool.ofThree().state(), "fe01 RTCNOPE\n")).isEqualTo(AgentWord.DOWN);
        assertThat(agent.answer(Pool.ofThree().state(), "\n")).isEqualTo(AgentWord.DOWN);
    }

    @Test
    void givenOnlyAServer_thenItsCoreServiceAnswers() {
        Pool pool = Pool.ofThree().pause("fe02", "RTCSRV");
        assertThat(agent.answer(pool.state(), "fe02\n")).isEqualTo(AgentWord.DRAIN);
        assertThat(agent.answer(pool.state(), "fe03\n")).isEqualTo(AgentWord.READY_UP);
    }
}
