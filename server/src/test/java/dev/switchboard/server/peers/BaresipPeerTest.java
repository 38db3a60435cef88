package dev.switchboard.server.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two baresip peers call each other by IP address, with no server in between. */
class BaresipPeerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void oneCallsTheOtherWhichAnswersThenTheCallerHangsUp() throws Exception {
    BaresipPeer alice = BaresipPeer.start(BaresipPeer.Account.direct("alice", false));
    ProcessHandle aliceProcess = ProcessHandle.of(alice.pid()).orElseThrow();
    try (alice;
        BaresipPeer bob = BaresipPeer.start(BaresipPeer.Account.direct("bob", true))) {
      alice.dial("sip:bob@127.0.0.1:" + bob.sipPort());
      bob.awaitOutput("Call established: sip:alice@127.0.0.1", WAIT);
      alice.awaitOutput("Call established: sip:bob@127.0.0.1", WAIT);
      assertThat(alice.output()).contains("180 Ringing");
      assertThat(bob.output()).contains("Set audio decoder: PCMU");
      alice.hangup();
      alice.awaitOutput("call: terminate call", WAIT);
      // baresip 1.0 reports a BYE from the peer as "session closed: Connection reset by peer"
      // early in a call and as "Call with ... terminated" later.
      bob.awaitOutput(WAIT, "session closed", "terminated (duration");
    }
    assertThat(aliceProcess.isAlive()).isFalse();
  }
}
