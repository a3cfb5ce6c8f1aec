package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.emulator.contract.NotContractChecked;
import io.github.dbtcloud.emulator.faults.Fault;
import io.github.dbtcloud.emulator.faults.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault that lies: HTTP 200 with dbt Cloud's envelope saying failure. Outside the contract on
 * purpose (the spec's 200 has data), so not contract-checked.
 */
@NotContractChecked
class FailureEnvelopeFaultTest {

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();

  private int jobCount() {
    return running.http().get(JOBS).data().size();
  }

  @Test
  void aFailureEnvelopeAnswers200SayingFailureAndWritesNothing() {
    running
        .emulator()
        .faults()
        .add(FaultRule.on("POST", "/api/v2/accounts/*/jobs/").nth(1).then(Fault.failureEnvelope()));

    EmulatorHttp.Answer answer = running.http().post(JOBS, Bodies.jobJson("never"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/status/code").asInt()).isEqualTo(500);
    assertThat(answer.body().at("/status/is_success").asBoolean()).isFalse();
    assertThat(answer.body().get("data").isNull()).isTrue();
    assertThat(jobCount()).as("nothing written").isZero();
    assertThat(running.emulator().journal().get(0).fault())
        .isEqualTo("status_200_failure_envelope");
  }
}
