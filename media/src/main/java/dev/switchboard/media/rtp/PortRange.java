package dev.switchboard.media.rtp;

/**
 * The UDP ports media may use: RTP takes an even port and RTCP the odd one above it (RFC 3550 §11),
 * so a range of {@code max - min + 1} ports holds half as many sessions.
 */
public record PortRange(int min, int max) {

  /** Checks the range starts even, ends odd and lies within 1024..65535. */
  public PortRange {
    if (min < 1024 || max > 65535 || min >= max) {
      throw new IllegalArgumentException(
          "media ports must be a range within 1024-65535, not " + min + "-" + max);
    }
    if (min % 2 != 0) {
      throw new IllegalArgumentException("media port range must start on an even port: " + min);
    }
  }

  /** How many RTP/RTCP pairs the range holds. */
  public int pairs() {
    return (max - min + 1) / 2;
  }

  /** The RTP port of pair {@code index}. */
  public int rtpPort(int index) {
    return min + 2 * index;
  }

  /** Parses {@code "20000-20999"}. */
  public static PortRange parse(String text) {
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("media port range must look like 20000-20999: " + text);
    }
    try {
      return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("media port range must look like 20000-20999: " + text);
    }
  }

  @Override
  public String toString() {
    return min + "-" + max;
  }
}
