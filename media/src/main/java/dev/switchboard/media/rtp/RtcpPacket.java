package dev.switchboard.media.rtp;

import dev.switchboard.media.MalformedMediaException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One RTCP packet of a compound packet (RFC 3550 §6): sender report, receiver report, source
 * description, BYE, or one we do not interpret.
 */
public sealed interface RtcpPacket
    permits RtcpPacket.SenderReport,
        RtcpPacket.ReceiverReport,
        RtcpPacket.SourceDescription,
        RtcpPacket.Bye,
        RtcpPacket.Unknown {

  /** Packet type SR. */
  int SR = 200;

  /** Packet type RR. */
  int RR = 201;

  /** Packet type SDES. */
  int SDES = 202;

  /** Packet type BYE. */
  int BYE = 203;

  /** Bytes on the wire, a multiple of 4. */
  int length();

  /** Writes the wire form at {@code at}; returns the bytes written. */
  int writeTo(byte[] out, int at);

  /**
   * SR: what a sender has sent, with the NTP/RTP timestamp pair for lip sync and RTT.
   *
   * @param ntpTimestamp 64-bit NTP format (seconds since 1900 in the high 32 bits)
   */
  record SenderReport(
      long ssrc,
      long ntpTimestamp,
      long rtpTimestamp,
      long packetCount,
      long octetCount,
      List<ReportBlock> reports)
      implements RtcpPacket {

    /** Copies the list; at most 31 blocks fit the count field. */
    public SenderReport {
      reports = List.copyOf(reports);
      checkCount(reports.size());
    }

    @Override
    public int length() {
      return 28 + ReportBlock.LENGTH * reports.size();
    }

    @Override
    public int writeTo(byte[] out, int at) {
      writeHeader(out, at, reports.size(), SR, length());
      BigEndian.putInt(out, at + 4, ssrc);
      BigEndian.putInt(out, at + 8, ntpTimestamp >>> 32);
      BigEndian.putInt(out, at + 12, ntpTimestamp & 0xFFFF_FFFFL);
      BigEndian.putInt(out, at + 16, rtpTimestamp);
      BigEndian.putInt(out, at + 20, packetCount);
      BigEndian.putInt(out, at + 24, octetCount);
      writeBlocks(reports, out, at + 28);
      return length();
    }
  }

  /** RR: reception reports from a participant that has not sent RTP since the last report. */
  record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    /** Copies the list; at most 31 blocks fit the count field. */
    public ReceiverReport {
      reports = List.copyOf(reports);
      checkCount(reports.size());
    }

    @Override
    public int length() {
      return 8 + ReportBlock.LENGTH * reports.size();
    }

    @Override
    public int writeTo(byte[] out, int at) {
      writeHeader(out, at, reports.size(), RR, length());
      BigEndian.putInt(out, at + 4, ssrc);
      writeBlocks(reports, out, at + 8);
      return length();
    }
  }

  /** SDES with one chunk per source; we write and read the CNAME item (type 1) only. */
  record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** Item type of CNAME. */
    public static final int CNAME = 1;

    /** One source's canonical name. */
    public record Chunk(long ssrc, String cname) {}

    /** Copies the list. */
    public SourceDescription {
      chunks = List.copyOf(chunks);
      checkCount(chunks.size());
    }

    @Override
    public int length() {
      int length = 4;
      for (Chunk chunk : chunks) {
        length += chunkLength(chunk);
      }
      return length;
    }

    private static int chunkLength(Chunk chunk) {
      // SSRC, CNAME item (type, length, text), then at least one null octet, padded to a word
      int bytes = 4 + 2 + cnameBytes(chunk).length + 1;
      return (bytes + 3) & ~3;
    }

    private static byte[] cnameBytes(Chunk chunk) {
      byte[] text = chunk.cname().getBytes(StandardCharsets.UTF_8);
      return text.length > 255 ? Arrays.copyOf(text, 255) : text;
    }

    @Override
    public int writeTo(byte[] out, int at) {
      int length = length();
      Arrays.fill(out, at, at + length, (byte) 0);
      writeHeader(out, at, chunks.size(), SDES, length);
      int p = at + 4;
      for (Chunk chunk : chunks) {
        byte[] text = cnameBytes(chunk);
        BigEndian.putInt(out, p, chunk.ssrc());
        out[p + 4] = CNAME;
        out[p + 5] = (byte) text.length;
        System.arraycopy(text, 0, out, p + 6, text.length);
        p += chunkLength(chunk);
      }
      return length;
    }
  }

  /** BYE: the listed sources are leaving, with an optional reason. */
  record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    /** Copies the list; the reason may be empty, not null. */
    public Bye {
      ssrcs = List.copyOf(ssrcs);
      checkCount(ssrcs.size());
      reason = reason == null ? "" : reason;
    }

    private byte[] reasonBytes() {
      byte[] text = reason.getBytes(StandardCharsets.UTF_8);
      return text.length > 255 ? Arrays.copyOf(text, 255) : text;
    }

    @Override
    public int length() {
      int length = 4 + 4 * ssrcs.size();
      if (!reason.isEmpty()) {
        length += (1 + reasonBytes().length + 3) & ~3;
      }
      return length;
    }

    @Override
    public int writeTo(byte[] out, int at) {
      int length = length();
      Arrays.fill(out, at, at + length, (byte) 0);
      writeHeader(out, at, ssrcs.size(), BYE, length);
      int p = at + 4;
      for (long ssrc : ssrcs) {
        BigEndian.putInt(out, p, ssrc);
        p += 4;
      }
      if (!reason.isEmpty()) {
        byte[] text = reasonBytes();
        out[p] = (byte) text.length;
        System.arraycopy(text, 0, out, p + 1, text.length);
      }
      return length;
    }
  }

  /** A packet type we carry but do not interpret (APP, XR, feedback ...). */
  record Unknown(int packetType, int count, byte[] body) implements RtcpPacket {

    /** Copies the body; it must be whole words. */
    public Unknown {
      body = body.clone();
      if (body.length % 4 != 0) {
        throw new IllegalArgumentException("RTCP body must be whole words");
      }
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public int length() {
      return 4 + body.length;
    }

    @Override
    public int writeTo(byte[] out, int at) {
      writeHeader(out, at, count, packetType, length());
      System.arraycopy(body, 0, out, at + 4, body.length);
      return length();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u
          && packetType == u.packetType
          && count == u.count
          && Arrays.equals(body, u.body);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * packetType + count) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return "Unknown[pt=" + packetType + ", " + body.length + " bytes]";
    }
  }

  /** The wire form of a compound packet made of {@code packets}, in order. */
  static byte[] compound(List<? extends RtcpPacket> packets) {
    int length = 0;
    for (RtcpPacket packet : packets) {
      length += packet.length();
    }
    byte[] out = new byte[length];
    int at = 0;
    for (RtcpPacket packet : packets) {
      at += packet.writeTo(out, at);
    }
    return out;
  }

  /**
   * Parses a compound packet (RFC 3550 §6.1, validity checks of Appendix A.2: version 2, lengths
   * adding up to the datagram, padding only in the last packet).
   */
  static List<RtcpPacket> parseCompound(byte[] data, int offset, int length) {
    List<RtcpPacket> packets = new ArrayList<>(3);
    int at = offset;
    int end = offset + length;
    if (length < 4) {
      throw new MalformedMediaException(
          "RTCP packet of " + length + " bytes is shorter than its header");
    }
    while (at < end) {
      if (end - at < 4) {
        throw new MalformedMediaException(
            "RTCP compound packet has " + (end - at) + " trailing bytes");
      }
      int first = data[at] & 0xFF;
      if (first >> 6 != 2) {
        throw new MalformedMediaException("RTCP version " + (first >> 6) + ", expected 2");
      }
      int count = first & 0x1F;
      int type = data[at + 1] & 0xFF;
      int bytes = 4 * (BigEndian.getShort(data, at + 2) + 1);
      if (bytes > end - at) {
        throw new MalformedMediaException(
            "RTCP packet type " + type + " claims " + bytes + " bytes, " + (end - at) + " left");
      }
      int bodyEnd = at + bytes;
      if ((first & 0x20) != 0) {
        if (bodyEnd != end) {
          throw new MalformedMediaException("RTCP padding is allowed only in the last packet");
        }
        int pad = data[end - 1] & 0xFF;
        if (pad == 0 || pad > bytes - 4) {
          throw new MalformedMediaException("RTCP padding count " + pad + " does not fit");
        }
        bodyEnd -= pad;
      }
      packets.add(parseOne(type, count, data, at, bodyEnd));
      at += bytes;
    }
    return packets;
  }

  private static RtcpPacket parseOne(int type, int count, byte[] data, int at, int end) {
    switch (type) {
      case SR -> {
        need(type, end - at, 28 + ReportBlock.LENGTH * count);
        long ntp = BigEndian.getInt(data, at + 8) << 32 | BigEndian.getInt(data, at + 12);
        return new SenderReport(
            BigEndian.getInt(data, at + 4),
            ntp,
            BigEndian.getInt(data, at + 16),
            BigEndian.getInt(data, at + 20),
            BigEndian.getInt(data, at + 24),
            blocks(data, at + 28, count));
      }
      case RR -> {
        need(type, end - at, 8 + ReportBlock.LENGTH * count);
        return new ReceiverReport(BigEndian.getInt(data, at + 4), blocks(data, at + 8, count));
      }
      case SDES -> {
        return new SourceDescription(chunks(data, at + 4, end, count));
      }
      case BYE -> {
        need(type, end - at, 4 + 4 * count);
        List<Long> ssrcs = new ArrayList<>(count);
        int p = at + 4;
        for (int i = 0; i < count; i++, p += 4) {
          ssrcs.add(BigEndian.getInt(data, p));
        }
        String reason = "";
        if (p < end) {
          int len = data[p] & 0xFF;
          if (p + 1 + len > end) {
            throw new MalformedMediaException("RTCP BYE reason runs past the packet");
          }
          reason = new String(data, p + 1, len, StandardCharsets.UTF_8);
        }
        return new Bye(ssrcs, reason);
      }
      default -> {
        // a padded body is not whole words; keep the words only
        int bodyBytes = (end - at - 4) & ~3;
        return new Unknown(type, count, Arrays.copyOfRange(data, at + 4, at + 4 + bodyBytes));
      }
    }
  }

  private static List<SourceDescription.Chunk> chunks(byte[] data, int at, int end, int count) {
    List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
    int p = at;
    for (int i = 0; i < count; i++) {
      if (end - p < 4) {
        throw new MalformedMediaException("RTCP SDES chunk " + i + " truncated");
      }
      long ssrc = BigEndian.getInt(data, p);
      p += 4;
      String cname = "";
      while (true) {
        if (p >= end) {
          throw new MalformedMediaException("RTCP SDES chunk " + i + " has no end item");
        }
        int itemType = data[p] & 0xFF;
        if (itemType == 0) {
          // the null octet and the padding after it end the chunk at the next word boundary
          p = at + ((p - at + 4) & ~3);
          break;
        }
        if (end - p < 2 || end - p - 2 < (data[p + 1] & 0xFF)) {
          throw new MalformedMediaException("RTCP SDES item runs past the packet");
        }
        int len = data[p + 1] & 0xFF;
        if (itemType == SourceDescription.CNAME) {
          cname = new String(data, p + 2, len, StandardCharsets.UTF_8);
        }
        p += 2 + len;
      }
      chunks.add(new SourceDescription.Chunk(ssrc, cname));
    }
    return chunks;
  }

  private static List<ReportBlock> blocks(byte[] data, int at, int count) {
    List<ReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(ReportBlock.parse(data, at + i * ReportBlock.LENGTH));
    }
    return blocks;
  }

  private static void need(int type, int have, int need) {
    if (have < need) {
      throw new MalformedMediaException(
          "RTCP packet type " + type + " needs " + need + " bytes for its count, has " + have);
    }
  }

  private static void checkCount(int count) {
    if (count > 31) {
      throw new IllegalArgumentException("an RTCP count field holds at most 31, not " + count);
    }
  }

  private static void writeHeader(byte[] out, int at, int count, int type, int length) {
    out[at] = (byte) (2 << 6 | count);
    out[at + 1] = (byte) type;
    BigEndian.putShort(out, at + 2, length / 4 - 1);
  }

  private static void writeBlocks(List<ReportBlock> blocks, byte[] out, int at) {
    for (ReportBlock block : blocks) {
      block.writeTo(out, at);
      at += ReportBlock.LENGTH;
    }
  }
}
