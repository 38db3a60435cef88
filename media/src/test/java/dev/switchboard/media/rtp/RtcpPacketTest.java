package dev.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.media.MalformedMediaException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void aCompoundSenderReportSdesByeSurvivesWriteThenParse() {
    ReportBlock block = new ReportBlock(0xABCDEF01L, 64, -3, 70_000, 120, 0x12345678L, 65536);
    List<RtcpPacket> compound =
        List.of(
            new RtcpPacket.SenderReport(
                0x11223344L,
                NtpTime.fromUnixMillis(1_700_000_000_000L),
                8000,
                50,
                8000,
                List.of(block)),
            new RtcpPacket.SourceDescription(
                List.of(new RtcpPacket.SourceDescription.Chunk(0x11223344L, "media@127.0.0.1"))),
            new RtcpPacket.Bye(List.of(0x11223344L), "call ended"));
    byte[] wire = RtcpPacket.compound(compound);
    assertThat(wire.length % 4).isZero();
    assertThat(RtcpPacket.parseCompound(wire, 0, wire.length)).isEqualTo(compound);
  }

  @Test
  void writesAReceiverReportBitForBit() {
    ReportBlock block = new ReportBlock(0x01020304L, 0x40, 5, 0x0001_0010L, 0x20, 0, 0);
    byte[] wire =
        RtcpPacket.compound(List.of(new RtcpPacket.ReceiverReport(0xAABBCCDDL, List.of(block))));
    assertThat(HEX.formatHex(wire))
        .isEqualTo(
            "81c90007"
                + "aabbccdd" // V=2 RC=1 PT=201 length 7 words-1, sender SSRC
                + "01020304"
                + "40000005"
                + "00010010"
                + "00000020"
                + "00000000"
                + "00000000");
  }

  @Test
  void negativeCumulativeLossIsSignExtended() {
    ReportBlock block = new ReportBlock(1, 0, -2, 10, 0, 0, 0);
    byte[] wire = RtcpPacket.compound(List.of(new RtcpPacket.ReceiverReport(9, List.of(block))));
    var rr = (RtcpPacket.ReceiverReport) RtcpPacket.parseCompound(wire, 0, wire.length).get(0);
    assertThat(rr.reports().get(0).cumulativeLost()).isEqualTo(-2);
  }

  @Test
  void sdesChunksPadToWordBoundariesForEveryNameLength() {
    for (int len = 0; len < 12; len++) {
      String cname = "x".repeat(len);
      var sdes =
          new RtcpPacket.SourceDescription(
              List.of(
                  new RtcpPacket.SourceDescription.Chunk(1, cname),
                  new RtcpPacket.SourceDescription.Chunk(2, cname + "y")));
      byte[] wire = RtcpPacket.compound(List.of(sdes));
      assertThat(RtcpPacket.parseCompound(wire, 0, wire.length)).containsExactly(sdes);
    }
  }

  @Test
  void keepsPacketTypesItDoesNotInterpret() {
    var app = new RtcpPacket.Unknown(204, 1, HEX.parseHex("0000000141424344"));
    byte[] wire = RtcpPacket.compound(List.of(new RtcpPacket.ReceiverReport(1, List.of()), app));
    assertThat(RtcpPacket.parseCompound(wire, 0, wire.length).get(1)).isEqualTo(app);
  }

  @Test
  void rejectsMalformedCompoundsWithAReason() {
    assertThatThrownBy(() -> RtcpPacket.parseCompound(new byte[2], 0, 2))
        .isInstanceOf(MalformedMediaException.class);
    byte[] tooLong = HEX.parseHex("81c90009aabbccdd");
    assertThatThrownBy(() -> RtcpPacket.parseCompound(tooLong, 0, tooLong.length))
        .hasMessageContaining("claims 40 bytes");
    byte[] shortRr = HEX.parseHex("82c90001aabbccdd");
    assertThatThrownBy(() -> RtcpPacket.parseCompound(shortRr, 0, shortRr.length))
        .hasMessageContaining("needs 56 bytes");
    byte[] v1 = HEX.parseHex("41c90001aabbccdd");
    assertThatThrownBy(() -> RtcpPacket.parseCompound(v1, 0, v1.length))
        .hasMessageContaining("version 1");
    byte[] paddedFirst = HEX.parseHex("a0c90001aabbcc04" + "80c90001aabbccdd");
    assertThatThrownBy(() -> RtcpPacket.parseCompound(paddedFirst, 0, paddedFirst.length))
        .hasMessageContaining("only in the last");
  }

  @Test
  void ntpMiddleBitsAndShortUnits() {
    long ntp = NtpTime.fromUnixMillis(0);
    assertThat(ntp >>> 32).isEqualTo(2_208_988_800L);
    assertThat(NtpTime.fromUnixMillis(500) & 0xFFFF_FFFFL).isEqualTo(1L << 31);
    assertThat(NtpTime.middle32(0x0001_0002_0003_0004L)).isEqualTo(0x0002_0003L);
    assertThat(NtpTime.toShortUnits(1_000_000_000L)).isEqualTo(65536);
    assertThat(NtpTime.fromShortUnits(32768)).isEqualTo(500_000_000L);
  }
}
