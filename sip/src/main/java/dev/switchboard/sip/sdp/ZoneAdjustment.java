package dev.switchboard.sip.sdp;

/**
 * One pair of a {@code z=} line: from NTP time {@code time} on, shift repeat times by {@code
 * offset} (a signed typed time).
 */
public record ZoneAdjustment(long time, String offset) {

  public ZoneAdjustment {
    if (time < 0 || time > Timing.MAX_TIME) {
      throw new IllegalArgumentException("z= time must be in 0.." + Timing.MAX_TIME);
    }
    if (offset == null) {
      throw new IllegalArgumentException("z= offset is missing");
    }
    RepeatTime.requireTypedTime(offset.startsWith("-") ? offset.substring(1) : offset, "z= offset");
  }

  String format() {
    return time + " " + offset;
  }
}
