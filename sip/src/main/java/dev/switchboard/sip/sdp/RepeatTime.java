package dev.switchboard.sip.sdp;

import java.util.List;

/**
 * An {@code r=} line: repeat interval, active duration and offsets from the start time, each a
 * typed time such as {@code 7d}, {@code 1h} or {@code 3600}.
 */
public record RepeatTime(String interval, String activeDuration, List<String> offsets) {

  public RepeatTime {
    requireTypedTime(interval, "r= repeat interval");
    if (interval.charAt(0) == '0') {
      throw new IllegalArgumentException("r= repeat interval must start with a non-zero digit");
    }
    requireTypedTime(activeDuration, "r= active duration");
    offsets = Grammar.copy(offsets, "r= offsets");
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("r= needs at least one offset");
    }
    for (String offset : offsets) {
      requireTypedTime(offset, "r= offset");
    }
  }

  /**
   * The number of seconds a typed time ({@code 1d}, {@code 2h}, {@code 30m}, {@code 10s}, {@code
   * 90}) stands for.
   */
  public static long seconds(String typedTime) {
    requireTypedTime(typedTime, "typed time");
    char last = typedTime.charAt(typedTime.length() - 1);
    long unit =
        switch (last) {
          case 'd' -> 86_400;
          case 'h' -> 3_600;
          case 'm' -> 60;
          default -> 1;
        };
    String digits =
        Character.isDigit(last) ? typedTime : typedTime.substring(0, typedTime.length() - 1);
    return Grammar.decimal(digits, Long.MAX_VALUE) * unit;
  }

  static String requireTypedTime(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    char last = s.charAt(s.length() - 1);
    String digits = "dhms".indexOf(last) >= 0 ? s.substring(0, s.length() - 1) : s;
    // 10 digits keeps every typed time, even in days, far from long overflow
    if (!Grammar.isDigits(digits) || digits.length() > 10) {
      throw new IllegalArgumentException(
          what + " must be up to 10 digits with an optional d/h/m/s unit: " + Grammar.quote(s));
    }
    return s;
  }

  static RepeatTime parse(String value) {
    String[] f = Grammar.fields(value, "r=");
    if (f.length < 3) {
      throw new IllegalArgumentException(
          "r= needs an interval, an active duration and at least one offset");
    }
    return new RepeatTime(f[0], f[1], List.of(f).subList(2, f.length));
  }

  String format() {
    return interval + ' ' + activeDuration + ' ' + String.join(" ", offsets);
  }
}
