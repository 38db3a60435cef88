package dev.switchboard.media.dtmf;

import dev.switchboard.media.MalformedMediaException;

/**
 * The payload of one RFC 4733 telephone-event packet (§2.3): event code, end bit, volume in -dBm0
 * and the duration so far in timestamp units.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

  /** Bytes of payload. */
  public static final int LENGTH = 4;

  /** Checks each field fits. */
  public TelephoneEvent {
    if (event < 0 || event > 255) {
      throw new IllegalArgumentException("event code must be 0..255: " + event);
    }
    if (volume < 0 || volume > 63) {
      throw new IllegalArgumentException("volume must be 0..63 (-dBm0): " + volume);
    }
    if (duration < 0 || duration > 0xFFFF) {
      throw new IllegalArgumentException("duration must be 16 bits: " + duration);
    }
  }

  /** The 4-byte payload. */
  public byte[] toBytes() {
    return new byte[] {
      (byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration
    };
  }

  /** Parses the first 4 bytes of a payload (RFC 4733 allows several events; we read one). */
  public static TelephoneEvent parse(byte[] payload) {
    if (payload.length < LENGTH) {
      throw new MalformedMediaException(
          "telephone-event payload of " + payload.length + " bytes, needs 4");
    }
    return new TelephoneEvent(
        payload[0] & 0xFF,
        (payload[1] & 0x80) != 0,
        payload[1] & 0x3F,
        (payload[2] & 0xFF) << 8 | payload[3] & 0xFF);
  }
}
