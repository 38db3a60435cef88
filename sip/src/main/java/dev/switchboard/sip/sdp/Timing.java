package dev.switchboard.sip.sdp;

/**
 * A {@code t=} line: start and stop as NTP seconds; {@code 0 0} (the usual value in SIP) means
 * unbounded.
 */
public record Timing(long start, long stop) {
  /** The session is permanent, as SIP sessions are. */
  public static final Timing UNBOUNDED = new Timing(0, 0);

  static final long MAX_TIME = 999_999_999_999L;

  public Timing {
    if (start < 0 || start > MAX_TIME || stop < 0 || stop > MAX_TIME) {
      throw new IllegalArgumentException("t= times must be in 0.." + MAX_TIME);
    }
  }

  static Timing parse(String value) {
    String[] f = Grammar.fields(value, "t=");
    if (f.length != 2) {
      throw new IllegalArgumentException("t= needs 2 fields (start stop), found " + f.length);
    }
    return new Timing(
        Grammar.requireDecimal(f[0], 0, MAX_TIME, "t= start time"),
        Grammar.requireDecimal(f[1], 0, MAX_TIME, "t= stop time"));
  }

  String format() {
    return start + " " + stop;
  }
}
