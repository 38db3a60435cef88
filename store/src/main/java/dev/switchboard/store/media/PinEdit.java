package dev.switchboard.store.media;

/**
 * What a change to a room does with one of its PINs: only hashes are stored, so a change that does
 * not name a PIN must be able to keep the one there without knowing it.
 */
public sealed interface PinEdit {

  /** The PIN stays as it is. */
  record Keep() implements PinEdit {}

  /** The room no longer has this PIN. */
  record Remove() implements PinEdit {}

  /** A new PIN, 3 to 12 digits. */
  record Set(String pin) implements PinEdit {}
}
