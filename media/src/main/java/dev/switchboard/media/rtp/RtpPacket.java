package dev.switchboard.media.rtp;

import dev.switchboard.media.MalformedMediaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One RTP data packet (RFC 3550 §5.1): fixed header, CSRC list, optional header extension, payload
 * and optional padding.
 *
 * @param marker the M bit (start of a talkspurt, or of an RFC 4733 event)
 * @param payloadType 7 bits
 * @param sequenceNumber 16 bits
 * @param timestamp 32 bits, unsigned, in the payload's clock
 * @param ssrc 32 bits, unsigned
 * @param csrcs contributing sources, at most 15
 * @param extension the header extension, or {@code null}
 * @param payload the payload bytes (not copied: treat as read-only)
 * @param padding bytes of padding after the payload (0 for none; the last of them holds the count)
 */
public record RtpPacket(
    boolean marker,
    int payloadType,
    int sequenceNumber,
    long timestamp,
    long ssrc,
    List<Long> csrcs,
    RtpHeaderExtension extension,
    byte[] payload,
    int padding) {

  /** RTP version 2, the only one. */
  public static final int VERSION = 2;

  /** Bytes of the fixed header. */
  public static final int FIXED_HEADER = 12;

  /** Checks every field fits its bits. */
  public RtpPacket {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type must be 7 bits: " + payloadType);
    }
    if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
      throw new IllegalArgumentException("sequence number must be 16 bits: " + sequenceNumber);
    }
    checkUnsigned32("timestamp", timestamp);
    checkUnsigned32("SSRC", ssrc);
    csrcs = List.copyOf(csrcs);
    if (csrcs.size() > 15) {
      throw new IllegalArgumentException("at most 15 CSRCs, not " + csrcs.size());
    }
    csrcs.forEach(c -> checkUnsigned32("CSRC", c));
    Objects.requireNonNull(payload, "payload");
    if (padding < 0 || padding > 255) {
      throw new IllegalArgumentException("padding must be 0..255 bytes: " + padding);
    }
  }

  /** A plain packet: no CSRC, no extension, no padding. */
  public static RtpPacket of(
      boolean marker,
      int payloadType,
      int sequenceNumber,
      long timestamp,
      long ssrc,
      byte[] payload) {
    return new RtpPacket(
        marker, payloadType, sequenceNumber, timestamp, ssrc, List.of(), null, payload, 0);
  }

  private static void checkUnsigned32(String what, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + " must be 32 bits unsigned: " + value);
    }
  }

  /** Bytes on the wire. */
  public int length() {
    return FIXED_HEADER
        + 4 * csrcs.size()
        + (extension == null ? 0 : extension.length())
        + payload.length
        + padding;
  }

  /** The packet's wire form in a new array. */
  public byte[] toBytes() {
    byte[] out = new byte[length()];
    writeTo(out, 0);
    return out;
  }

  /** Writes the wire form at {@code offset}; returns the number of bytes written. */
  public int writeTo(byte[] out, int offset) {
    int length = length();
    if (out.length - offset < length) {
      throw new IllegalArgumentException("buffer too small for " + length + " bytes");
    }
    out[offset] =
        (byte)
            (VERSION << 6
                | (padding > 0 ? 0x20 : 0)
                | (extension != null ? 0x10 : 0)
                | csrcs.size());
    out[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    BigEndian.putShort(out, offset + 2, sequenceNumber);
    BigEndian.putInt(out, offset + 4, timestamp);
    BigEndian.putInt(out, offset + 8, ssrc);
    int at = offset + FIXED_HEADER;
    for (long csrc : csrcs) {
      BigEndian.putInt(out, at, csrc);
      at += 4;
    }
    if (extension != null) {
      extension.writeTo(out, at);
      at += extension.length();
    }
    System.arraycopy(payload, 0, out, at, payload.length);
    at += payload.length;
    if (padding > 0) {
      Arrays.fill(out, at, at + padding - 1, (byte) 0);
      out[at + padding - 1] = (byte) padding;
    }
    return length;
  }

  /** Parses one packet from {@code length} bytes at {@code offset}. */
  public static RtpPacket parse(byte[] data, int offset, int length) {
    if (length < FIXED_HEADER) {
      throw new MalformedMediaException(
          "RTP packet of " + length + " bytes is shorter than the 12-byte header");
    }
    int first = data[offset] & 0xFF;
    int version = first >> 6;
    if (version != VERSION) {
      throw new MalformedMediaException("RTP version " + version + ", expected 2");
    }
    boolean hasPadding = (first & 0x20) != 0;
    boolean hasExtension = (first & 0x10) != 0;
    int csrcCount = first & 0x0F;
    int second = data[offset + 1] & 0xFF;
    int at = offset + FIXED_HEADER;
    int end = offset + length;
    if (end - at < 4 * csrcCount) {
      throw new MalformedMediaException(
          "RTP packet announces " + csrcCount + " CSRCs but has " + (end - at) + " bytes left");
    }
    List<Long> csrcs = new ArrayList<>(csrcCount);
    for (int i = 0; i < csrcCount; i++, at += 4) {
      csrcs.add(BigEndian.getInt(data, at));
    }
    RtpHeaderExtension extension = null;
    if (hasExtension) {
      if (end - at < 4) {
        throw new MalformedMediaException("RTP header extension truncated");
      }
      int profile = BigEndian.getShort(data, at);
      int bytes = 4 * BigEndian.getShort(data, at + 2);
      if (end - at - 4 < bytes) {
        throw new MalformedMediaException(
            "RTP header extension of " + bytes + " bytes runs past the packet's end");
      }
      extension = new RtpHeaderExtension(profile, Arrays.copyOfRange(data, at + 4, at + 4 + bytes));
      at += 4 + bytes;
    }
    int padding = 0;
    if (hasPadding) {
      if (end <= at) {
        throw new MalformedMediaException("RTP padding bit set but no padding count");
      }
      padding = data[end - 1] & 0xFF;
      if (padding == 0 || padding > end - at) {
        throw new MalformedMediaException(
            "RTP padding count "
                + padding
                + " does not fit the "
                + (end - at)
                + " bytes after the header");
      }
    }
    byte[] payload = Arrays.copyOfRange(data, at, end - padding);
    return new RtpPacket(
        (second & 0x80) != 0,
        second & 0x7F,
        BigEndian.getShort(data, offset + 2),
        BigEndian.getInt(data, offset + 4),
        BigEndian.getInt(data, offset + 8),
        csrcs,
        extension,
        payload,
        padding);
  }

  /** True when the bytes look like RTCP rather than RTP (RFC 5761 §4: second byte 192..223). */
  public static boolean looksLikeRtcp(byte[] data, int offset, int length) {
    if (length < 2) {
      return false;
    }
    int second = data[offset + 1] & 0xFF;
    return second >= 192 && second <= 223;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtpPacket p
        && marker == p.marker
        && payloadType == p.payloadType
        && sequenceNumber == p.sequenceNumber
        && timestamp == p.timestamp
        && ssrc == p.ssrc
        && padding == p.padding
        && csrcs.equals(p.csrcs)
        && Objects.equals(extension, p.extension)
        && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
                marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension, padding)
            * 31
        + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "RtpPacket[pt="
        + payloadType
        + ", seq="
        + sequenceNumber
        + ", ts="
        + timestamp
        + ", ssrc="
        + Long.toHexString(ssrc)
        + (marker ? ", M" : "")
        + ", "
        + payload.length
        + " bytes]";
  }
}
