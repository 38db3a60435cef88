package dev.switchboard.ops.marketing;

import java.util.Locale;

/** What to do with a channel after the Pareto ranking: invest more, keep as is, or stop. */
public enum ChannelAdvice {
  GROW,
  KEEP,
  DROP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
