package dev.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.media.MalformedMediaException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DtmfInfoBodyTest {

  @Test
  void readsDtmfRelayBodies() {
    assertThat(DtmfInfoBody.parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"))
        .isEqualTo(new DtmfDigit('5', Duration.ofMillis(160)));
    assertThat(DtmfInfoBody.parse("Application/DTMF-Relay; charset=x", "signal = #\nduration= 250"))
        .isEqualTo(new DtmfDigit('#', Duration.ofMillis(250)));
    assertThat(DtmfInfoBody.parse("application/dtmf-relay", "Signal=11\r\n").digit())
        .isEqualTo('#');
    assertThat(DtmfInfoBody.parse("application/dtmf-relay", "Signal=10").digit()).isEqualTo('*');
    assertThat(DtmfInfoBody.parse("application/dtmf-relay", "Signal=a").digit()).isEqualTo('A');
    assertThat(DtmfInfoBody.parse("application/dtmf-relay", "Signal=3").duration())
        .isEqualTo(DtmfInfoBody.DEFAULT_DURATION);
  }

  @Test
  void readsDtmfBodies() {
    assertThat(DtmfInfoBody.parse("application/dtmf", "7").digit()).isEqualTo('7');
    assertThat(DtmfInfoBody.parse("application/dtmf", " *\r\n").digit()).isEqualTo('*');
    assertThat(DtmfInfoBody.parse("application/dtmf", "Signal=9\r\nDuration=100").duration())
        .isEqualTo(Duration.ofMillis(100));
    assertThat(DtmfInfoBody.understands("application/sdp")).isFalse();
  }

  @Test
  void refusesBadBodiesWithTheReason() {
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/sdp", "v=0"))
        .isInstanceOf(MalformedMediaException.class)
        .hasMessageContaining("not a DTMF body type");
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf-relay", "Duration=100"))
        .hasMessageContaining("no Signal=");
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=X"))
        .hasMessageContaining("not a DTMF key");
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=1\nDuration=ab"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=1\nDuration=-5"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf", "12"))
        .hasMessageContaining("not a DTMF key");
    assertThatThrownBy(() -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=1\ngarbage"))
        .hasMessageContaining("without '='");
  }
}
