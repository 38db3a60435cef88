package dev.switchboard.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.registrar.MutableClock;
import dev.switchboard.server.usage.CallDetailRecord;
import dev.switchboard.server.usage.CallDetailRecord.Direction;
import dev.switchboard.server.usage.CallDetailRecord.EndedBy;
import dev.switchboard.server.usage.CallDetailRecord.Routing;
import dev.switchboard.sip.message.MessageParser;
import dev.switchboard.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The referrals {@link CallTracker} keeps for REFERs: once the map is full, a burst of REFERs costs
 * at most one sweep a second, not one sweep of the whole map per REFER.
 */
class CallTrackerReferralTest {
  private static final int FULL = 10_000;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final CollectingSink sink = new CollectingSink();
  private final CallTracker tracker =
      new CallTracker(sink, clock, (delay, task) -> () -> {}, Duration.ofHours(4));

  private static SipRequest parse(String text) {
    byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    return (SipRequest) new MessageParser().parseDatagram(b, 0, b.length);
  }

  /** 1002 asks {@code referee} (inside their dialog) to call {@code target}. */
  private static SipRequest refer(String referee, String target, int n) {
    return parse(
        "REFER sip:"
            + referee
            + "@127.0.0.1:5070 SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-r"
            + n
            + "\n"
            + "Max-Forwards: 70\n"
            + "From: <sip:1002@a.test>;tag=b"
            + n
            + "\n"
            + "To: <sip:"
            + referee
            + "@a.test>;tag=a"
            + n
            + "\n"
            + "Call-ID: refer-"
            + n
            + "\n"
            + "CSeq: 2 REFER\n"
            + "Refer-To: <sip:"
            + target
            + "@a.test>\n"
            + "Content-Length: 0\n\n");
  }

  private static SipRequest invite(String from, String to) {
    return parse(
        "INVITE sip:"
            + to
            + "@a.test SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-i\n"
            + "Max-Forwards: 70\n"
            + "From: <sip:"
            + from
            + "@a.test>;tag=f1\n"
            + "To: <sip:"
            + to
            + "@a.test>\n"
            + "Call-ID: transferred-1\n"
            + "CSeq: 1 INVITE\n"
            + "Content-Length: 0\n\n");
  }

  private void fill() {
    for (int i = 0; i < FULL; i++) {
      tracker.referred(refer("u" + i, "1003", i));
    }
    assertThat(tracker.referralsExamined()).as("no sweep while the map fills").isZero();
  }

  @Test
  void aBurstOfReferOnAFullMapSweepsItAtMostOnceASecond() {
    fill();
    for (int i = 0; i < 1_000; i++) {
      tracker.referred(refer("v" + i, "1003", FULL + i));
    }
    // One sweep of the full map at most; a sweep per REFER would look at 10,000,000 entries.
    assertThat(tracker.referralsExamined()).isLessThanOrEqualTo(FULL);

    clock.advance(Duration.ofMillis(999));
    for (int i = 0; i < 1_000; i++) {
      tracker.referred(refer("w" + i, "1003", 2 * FULL + i));
    }
    assertThat(tracker.referralsExamined()).as("still within the second").isLessThanOrEqualTo(FULL);

    clock.advance(Duration.ofMillis(2));
    tracker.referred(refer("x", "1003", 3 * FULL));
    assertThat(tracker.referralsExamined())
        .as("a second later the next REFER may sweep again")
        .isLessThanOrEqualTo(2L * FULL);
  }

  @Test
  void onceTheWindowHasPassedASweepFreesRoomAndTheNextReferIsFollowed() {
    fill();
    tracker.referred(refer("late", "1003", FULL));
    clock.advance(CallTracker.REFERRAL_WINDOW.plusSeconds(1));
    tracker.referred(refer("late", "1003", FULL + 1));

    SipRequest invite = invite("late", "1003");
    tracker.started(invite, List.of(new CallTracker.Leg("a.test", Direction.INTERNAL)));
    tracker.failed(invite.callId(), invite.from().tag(), 486, EndedBy.CALLEE);
    CallDetailRecord cdr = sink.calls().get(0);
    assertThat(cdr.routing()).isEqualTo(Routing.TRANSFER);
    assertThat(cdr.referredBy()).isEqualTo("<sip:1002@a.test>");
  }
}
