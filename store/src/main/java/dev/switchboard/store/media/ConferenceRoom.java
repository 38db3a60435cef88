package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A conference room: callers to {@code number} join it, after keying its PIN and {@code #} when it
 * has one ({@code pinHash}, never the PIN itself). Whoever keys the moderator PIN ({@code
 * moderatorPinHash}) joins as moderator; with {@code waitForModerator} the others hear a hold tone
 * until a moderator has joined.
 */
public record ConferenceRoom(
    String number, String name, String pinHash, String moderatorPinHash, boolean waitForModerator) {
  private static final Pattern PIN = Pattern.compile("[0-9]{3,12}");

  /** A room without a moderator. */
  public ConferenceRoom(String number, String name, String pinHash) {
    this(number, name, pinHash, null, false);
  }

  public ConferenceRoom {
    if (waitForModerator && moderatorPinHash == null) {
      throw new InvalidValueException(
          "waitForModerator", "waiting for a moderator needs a moderatorPin");
    }
    if (number == null || !NumberFiles.NUMBER.matcher(number).matches()) {
      throw new InvalidValueException("number", "a room number is 2 to 16 digits: " + number);
    }
    name = name == null || name.isBlank() ? number : name.trim();
    if (name.length() > 100) {
      throw new InvalidValueException("name", "a room name has at most 100 characters");
    }
  }

  public boolean hasPin() {
    return pinHash != null;
  }

  public boolean hasModeratorPin() {
    return moderatorPinHash != null;
  }

  /** Whether a caller is asked for a PIN: the room's, or the moderator's, or both. */
  public boolean asksForPin() {
    return pinHash != null || moderatorPinHash != null;
  }

  /** Checks a PIN as keyed or sent over the API: 3 to 12 digits. */
  public static void checkPin(String pin) {
    checkPin("pin", pin);
  }

  /** Checks the PIN in {@code field}: 3 to 12 digits. */
  public static void checkPin(String field, String pin) {
    if (pin != null && !PIN.matcher(pin).matches()) {
      throw new InvalidValueException(field, "a room PIN is 3 to 12 digits");
    }
  }
}
