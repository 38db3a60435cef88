package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import java.util.Locale;

/** The three families of channel in the seed: offline, online and referral. */
public enum ChannelKind {
  OFFLINE,
  ONLINE,
  REFERRAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChannelKind parse(String s) {
    if (s != null) {
      for (ChannelKind k : values()) {
        if (k.wireName().equalsIgnoreCase(s.trim())) {
          return k;
        }
      }
    }
    throw new InvalidValueException("kind", "kind must be offline, online or referral");
  }
}
