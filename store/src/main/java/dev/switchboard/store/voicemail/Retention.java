package dev.switchboard.store.voicemail;

import dev.switchboard.store.InvalidValueException;

/**
 * A tenant's voicemail limits: at most {@code maxMessages} kept per mailbox (a full one takes no
 * more) and none older than {@code maxAgeDays} (the sweep removes them); null means no limit.
 */
public record Retention(Integer maxMessages, Integer maxAgeDays) {
  /** No limits: what a tenant has until it sets some. */
  public static final Retention NONE = new Retention(null, null);

  public Retention {
    if (maxMessages != null && (maxMessages < 1 || maxMessages > 10_000)) {
      throw new InvalidValueException("maxMessages", "maxMessages is 1 to 10000, or null");
    }
    if (maxAgeDays != null && (maxAgeDays < 1 || maxAgeDays > 3650)) {
      throw new InvalidValueException("maxAgeDays", "maxAgeDays is 1 to 3650, or null");
    }
  }
}
