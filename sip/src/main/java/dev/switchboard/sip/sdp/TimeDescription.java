package dev.switchboard.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code t=} line with the {@code r=} lines and the optional {@code z=} line that follow it.
 */
public record TimeDescription(
    Timing timing, List<RepeatTime> repeats, List<ZoneAdjustment> zoneAdjustments) {

  /** {@code t=0 0}, the time description of every SIP session. */
  public static final TimeDescription UNBOUNDED =
      new TimeDescription(Timing.UNBOUNDED, List.of(), List.of());

  public TimeDescription {
    if (timing == null) {
      throw new IllegalArgumentException("t= is missing");
    }
    repeats = Grammar.copy(repeats, "r= lines");
    zoneAdjustments = Grammar.copy(zoneAdjustments, "z= adjustments");
  }

  static List<ZoneAdjustment> parseZone(String value) {
    String[] f = Grammar.fields(value, "z=");
    if (f.length % 2 != 0) {
      throw new IllegalArgumentException(
          "z= needs pairs of <time> <offset>, found " + f.length + " fields");
    }
    List<ZoneAdjustment> adjustments = new ArrayList<>();
    for (int i = 0; i < f.length; i += 2) {
      adjustments.add(
          new ZoneAdjustment(
              Grammar.requireDecimal(f[i], 0, Timing.MAX_TIME, "z= time"), f[i + 1]));
    }
    return adjustments;
  }
}
