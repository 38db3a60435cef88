package dev.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.media.MalformedMediaException;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void writesTheFixedHeaderBitForBit() {
    RtpPacket packet =
        RtpPacket.of(true, 0, 0x1234, 0xDEADBEEFL, 0x01020304L, new byte[] {(byte) 0xFF, 0x7F});
    // V=2 P=0 X=0 CC=0 | M=1 PT=0 | seq | ts | ssrc | payload
    assertThat(HEX.formatHex(packet.toBytes())).isEqualTo("80801234deadbeef01020304ff7f");
  }

  @Test
  void parsesAPacketWithCsrcsExtensionAndPadding() {
    byte[] wire =
        HEX.parseHex(
            "b2" // V=2, P=1, X=1, CC=2
                + "08" // M=0, PT=8
                + "0001"
                + "00000a00"
                + "cafebabe"
                + "00000001"
                + "00000002" // CSRCs
                + "bede0001"
                + "10ff0000" // one-word extension, profile 0xBEDE
                + "d5d5d5d5" // payload
                + "000003"); // 3 bytes of padding, the last holds the count
    RtpPacket packet = RtpPacket.parse(wire, 0, wire.length);
    assertThat(packet.marker()).isFalse();
    assertThat(packet.payloadType()).isEqualTo(8);
    assertThat(packet.sequenceNumber()).isEqualTo(1);
    assertThat(packet.timestamp()).isEqualTo(2560);
    assertThat(packet.ssrc()).isEqualTo(0xCAFEBABEL);
    assertThat(packet.csrcs()).containsExactly(1L, 2L);
    assertThat(packet.extension().profile()).isEqualTo(0xBEDE);
    assertThat(packet.extension().data()).containsExactly(0x10, 0xFF, 0, 0);
    assertThat(packet.payload()).containsExactly(0xD5, 0xD5, 0xD5, 0xD5);
    assertThat(packet.padding()).isEqualTo(3);
    assertThat(packet.toBytes()).isEqualTo(wire);
  }

  @Test
  void parsesAtAnOffsetInsideALargerBuffer() {
    byte[] packet = RtpPacket.of(false, 0, 7, 160, 99, new byte[160]).toBytes();
    byte[] buffer = new byte[packet.length + 50];
    System.arraycopy(packet, 0, buffer, 20, packet.length);
    assertThat(RtpPacket.parse(buffer, 20, packet.length).sequenceNumber()).isEqualTo(7);
  }

  @Test
  void rejectsMalformedPacketsWithAReason() {
    assertThatThrownBy(() -> RtpPacket.parse(new byte[8], 0, 8))
        .isInstanceOf(MalformedMediaException.class)
        .hasMessageContaining("shorter than the 12-byte header");
    byte[] v1 = HEX.parseHex("400000010000000000000001");
    assertThatThrownBy(() -> RtpPacket.parse(v1, 0, v1.length)).hasMessageContaining("version 1");
    byte[] csrcs = HEX.parseHex("830000010000000000000001" + "00000001");
    assertThatThrownBy(() -> RtpPacket.parse(csrcs, 0, csrcs.length))
        .hasMessageContaining("3 CSRCs");
    byte[] ext = HEX.parseHex("900000010000000000000001" + "bede0005" + "00000000");
    assertThatThrownBy(() -> RtpPacket.parse(ext, 0, ext.length))
        .hasMessageContaining("extension of 20 bytes");
    byte[] pad = HEX.parseHex("a00000010000000000000001" + "0000000a");
    assertThatThrownBy(() -> RtpPacket.parse(pad, 0, pad.length))
        .hasMessageContaining("padding count 10");
    byte[] zeroPad = HEX.parseHex("a00000010000000000000001" + "00000000");
    assertThatThrownBy(() -> RtpPacket.parse(zeroPad, 0, zeroPad.length))
        .hasMessageContaining("padding count 0");
  }

  @Test
  void refusesFieldsThatDoNotFitTheirBits() {
    assertThatThrownBy(() -> RtpPacket.of(false, 128, 0, 0, 0, new byte[0]))
        .hasMessageContaining("7 bits");
    assertThatThrownBy(() -> RtpPacket.of(false, 0, 65536, 0, 0, new byte[0]))
        .hasMessageContaining("16 bits");
    assertThatThrownBy(() -> RtpPacket.of(false, 0, 0, 1L << 32, 0, new byte[0]))
        .hasMessageContaining("timestamp");
  }

  @Test
  void tellsRtcpFromRtpOnAMultiplexedPort() {
    byte[] rtcp = RtcpPacket.compound(List.of(new RtcpPacket.ReceiverReport(1, List.of())));
    assertThat(RtpPacket.looksLikeRtcp(rtcp, 0, rtcp.length)).isTrue();
    byte[] rtp = RtpPacket.of(true, 0, 1, 2, 3, new byte[4]).toBytes();
    assertThat(RtpPacket.looksLikeRtcp(rtp, 0, rtp.length)).isFalse();
  }

  @Property(tries = 500)
  void everyPacketSurvivesWriteThenParse(@ForAll("packets") RtpPacket packet) {
    byte[] wire = packet.toBytes();
    assertThat(wire).hasSize(packet.length());
    assertThat(RtpPacket.parse(wire, 0, wire.length)).isEqualTo(packet);
  }

  @Provide
  Arbitrary<RtpPacket> packets() {
    Arbitrary<List<Long>> csrcs = Arbitraries.longs().between(0, 0xFFFF_FFFFL).list().ofMaxSize(15);
    Arbitrary<RtpHeaderExtension> extensions =
        Arbitraries.integers()
            .between(0, 8)
            .flatMap(
                words ->
                    Arbitraries.bytes()
                        .array(byte[].class)
                        .ofSize(words * 4)
                        .flatMap(
                            data ->
                                Arbitraries.integers()
                                    .between(0, 0xFFFF)
                                    .map(p -> new RtpHeaderExtension(p, data))))
            .injectNull(0.5);
    Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 127),
            Arbitraries.integers().between(0, 0xFFFF),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL),
            csrcs,
            extensions,
            payloads)
        .as(
            (m, pt, seq, ts, ssrc, cs, ext, payload) ->
                new RtpPacket(m, pt, seq, ts, ssrc, cs, ext, payload, 0))
        .flatMap(
            p ->
                Arbitraries.integers()
                    .between(0, 255)
                    .map(
                        pad ->
                            new RtpPacket(
                                p.marker(),
                                p.payloadType(),
                                p.sequenceNumber(),
                                p.timestamp(),
                                p.ssrc(),
                                p.csrcs(),
                                p.extension(),
                                p.payload(),
                                pad)));
  }
}
