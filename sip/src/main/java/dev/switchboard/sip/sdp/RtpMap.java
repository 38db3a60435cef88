package dev.switchboard.sip.sdp;

/**
 * The value of an {@code a=rtpmap} attribute: which encoding an RTP payload type number stands for.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {

  public RtpMap {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("rtpmap payload type must be 0..127: " + payloadType);
    }
    Grammar.requireToken(encodingName, "rtpmap encoding name");
    if (clockRate < 1) {
      throw new IllegalArgumentException("rtpmap clock rate must be positive: " + clockRate);
    }
    if (channels < 1 || channels > 255) {
      throw new IllegalArgumentException("rtpmap channels must be 1..255: " + channels);
    }
  }

  /**
   * Parses {@code <payload type> <encoding name>/<clock rate>[/<channels>]}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static RtpMap parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("rtpmap needs a value");
    }
    String[] f = Grammar.fields(value, "rtpmap");
    if (f.length != 2) {
      throw new IllegalArgumentException(
          "rtpmap must be <payload type> <encoding>/<clock rate>[/<channels>]: "
              + Grammar.quote(value));
    }
    int pt = (int) Grammar.requireDecimal(f[0], 0, 127, "rtpmap payload type");
    String[] enc = f[1].split("/", -1);
    if (enc.length < 2 || enc.length > 3) {
      throw new IllegalArgumentException(
          "rtpmap encoding must be <name>/<clock rate>[/<channels>]: " + Grammar.quote(f[1]));
    }
    int clock = (int) Grammar.requireDecimal(enc[1], 1, Integer.MAX_VALUE, "rtpmap clock rate");
    int channels =
        enc.length == 3 ? (int) Grammar.requireDecimal(enc[2], 1, 255, "rtpmap channels") : 1;
    return new RtpMap(pt, enc[0], clock, channels);
  }

  /** The attribute value, omitting the channel count when it is 1. */
  public String toValue() {
    return payloadType
        + " "
        + encodingName
        + '/'
        + clockRate
        + (channels == 1 ? "" : "/" + channels);
  }

  /** This map as an {@code a=rtpmap} attribute. */
  public Attribute toAttribute() {
    return Attribute.of("rtpmap", toValue());
  }
}
