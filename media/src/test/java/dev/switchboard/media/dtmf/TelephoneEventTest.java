package dev.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.media.MalformedMediaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventTest {

  @Test
  void payloadBitsFollowRfc4733() {
    // event 5, end bit, volume 10, duration 800 (100 ms at 8 kHz)
    byte[] wire = new TelephoneEvent(5, true, 10, 800).toBytes();
    assertThat(HexFormat.of().formatHex(wire)).isEqualTo("058a0320");
    assertThat(TelephoneEvent.parse(wire)).isEqualTo(new TelephoneEvent(5, true, 10, 800));
    assertThatThrownBy(() -> TelephoneEvent.parse(new byte[3]))
        .isInstanceOf(MalformedMediaException.class);
  }

  @Test
  void senderEmitsStartContinuationAndThreeEndPacketsPerKey() {
    TelephoneEventSender sender = new TelephoneEventSender(100, 40, 10);
    sender.send("1#");
    List<TelephoneEventSender.Packet> packets = new ArrayList<>();
    List<Integer> audioTicks = new ArrayList<>();
    long ts = 1000;
    for (int tick = 0; tick < 30; tick++, ts += 160) {
      TelephoneEventSender.Packet p = sender.tick(ts);
      if (p == null) {
        audioTicks.add(tick);
      } else {
        packets.add(p);
      }
    }
    // per key: 5 packets up to 800 samples (100 ms), then 3 end packets; a 40 ms gap between
    assertThat(packets).hasSize(16);
    List<TelephoneEvent> first =
        packets.subList(0, 8).stream().map(p -> TelephoneEvent.parse(p.payload())).toList();
    assertThat(first)
        .extracting(TelephoneEvent::duration)
        .containsExactly(160, 320, 480, 640, 800, 800, 800, 800);
    assertThat(first)
        .extracting(TelephoneEvent::end)
        .containsExactly(false, false, false, false, false, true, true, true);
    assertThat(first).extracting(TelephoneEvent::event).containsOnly(1);
    assertThat(packets.subList(0, 8))
        .extracting(TelephoneEventSender.Packet::timestamp)
        .containsOnly(1000L);
    assertThat(packets.get(0).marker()).isTrue();
    assertThat(packets.subList(1, 8)).noneMatch(TelephoneEventSender.Packet::marker);
    assertThat(audioTicks.subList(0, 2)).containsExactly(8, 9); // the gap
    assertThat(TelephoneEvent.parse(packets.get(8).payload()).event()).isEqualTo(11);
    assertThat(packets.get(8).timestamp()).isEqualTo(1000 + 160 * 10);
    assertThat(sender.busy()).isFalse();
    assertThatThrownBy(() -> sender.send("12x")).hasMessageContaining("'x'");
  }

  @Test
  void receiverReportsEachPressOnceDespiteRetransmittedEnds() {
    List<DtmfDigit> digits = new ArrayList<>();
    TelephoneEventReceiver receiver = new TelephoneEventReceiver(8000, digits::add);
    TelephoneEventSender sender = new TelephoneEventSender(100, 40, 10);
    sender.send("59*");
    long ts = 0;
    long now = 0;
    for (int tick = 0; tick < 40; tick++, ts += 160, now += 20_000_000L) {
      TelephoneEventSender.Packet p = sender.tick(ts);
      if (p != null) {
        receiver.onPacket(p.timestamp(), TelephoneEvent.parse(p.payload()), now);
        receiver.onPacket(p.timestamp(), TelephoneEvent.parse(p.payload()), now); // duplicated
      }
      receiver.onTick(now);
    }
    assertThat(digits).extracting(DtmfDigit::digit).containsExactly('5', '9', '*');
    assertThat(digits).extracting(DtmfDigit::duration).containsOnly(Duration.ofMillis(100));
  }

  @Test
  void aPressWhoseEndPacketsAreLostEndsOnTheNextEventOrATimeout() {
    List<DtmfDigit> digits = new ArrayList<>();
    TelephoneEventReceiver receiver = new TelephoneEventReceiver(8000, digits::add);
    receiver.onPacket(100, new TelephoneEvent(1, false, 10, 160), 0);
    receiver.onPacket(100, new TelephoneEvent(1, false, 10, 320), 20_000_000L);
    receiver.onPacket(2000, new TelephoneEvent(2, false, 10, 160), 200_000_000L);
    assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1');
    receiver.onTick(300_000_000L);
    assertThat(digits).hasSize(1);
    receiver.onTick(800_000_000L);
    assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1', '2');
    // a straggler of the finished press gives nothing
    receiver.onPacket(2000, new TelephoneEvent(2, true, 10, 800), 900_000_000L);
    assertThat(digits).hasSize(2);
  }

  @Test
  void nonKeyEventsAreIgnored() {
    List<DtmfDigit> digits = new ArrayList<>();
    TelephoneEventReceiver receiver = new TelephoneEventReceiver(8000, digits::add);
    receiver.onPacket(100, new TelephoneEvent(16, true, 10, 800), 0); // flash
    assertThat(digits).isEmpty();
    assertThat(receiver.ignoredEvents()).isEqualTo(1);
  }
}
