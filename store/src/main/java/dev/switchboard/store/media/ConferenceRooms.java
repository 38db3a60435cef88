package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.voicemail.PinHash;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Every tenant's conference rooms under the data directory, {@code DOMAIN/NUMBER.properties}; a
 * room's PIN is kept only as a slow hash.
 */
public final class ConferenceRooms {
  private final NumberFiles files;

  public ConferenceRooms(Path root) {
    this.files = new NumberFiles(root);
  }

  /** Whether {@code domain} has a room at {@code number}: quick, for routing. */
  public boolean exists(String domain, String number) {
    return files.exists(domain, number);
  }

  public Optional<ConferenceRoom> room(String domain, String number) {
    return files
        .read(domain, number)
        .map(
            p ->
                new ConferenceRoom(
                    number,
                    p.getProperty("name"),
                    p.getProperty("pin"),
                    p.getProperty("moderatorPin"),
                    Boolean.parseBoolean(p.getProperty("waitForModerator", "false"))));
  }

  public List<ConferenceRoom> rooms(String domain) {
    return files.numbers(domain).stream().flatMap(n -> room(domain, n).stream()).toList();
  }

  /** Creates or replaces the room; a null {@code pin} leaves it open to every caller. */
  public ConferenceRoom save(String domain, String number, String name, String pin) {
    return save(domain, number, name, pin, null, false);
  }

  /**
   * Creates or replaces the room with a moderator: whoever keys {@code moderatorPin} (null: no
   * moderator) joins as one; with {@code waitForModerator} the others wait for them on hold.
   */
  public ConferenceRoom save(
      String domain,
      String number,
      String name,
      String pin,
      String moderatorPin,
      boolean waitForModerator) {
    ConferenceRoom.checkPin(pin);
    ConferenceRoom.checkPin("moderatorPin", moderatorPin);
    if (moderatorPin != null && moderatorPin.equals(pin)) {
      throw new InvalidValueException(
          "moderatorPin", "the moderator PIN must differ from the room's PIN");
    }
    return write(
        domain,
        new ConferenceRoom(
            number,
            name,
            pin == null ? null : PinHash.create(pin),
            moderatorPin == null ? null : PinHash.create(moderatorPin),
            waitForModerator));
  }

  /**
   * Changes an existing room: {@code name} and {@code waitForModerator} when not null, each PIN as
   * its edit says. Empty when there is no such room.
   */
  public Optional<ConferenceRoom> change(
      String domain,
      String number,
      String name,
      PinEdit pin,
      PinEdit moderatorPin,
      Boolean waitForModerator) {
    Optional<ConferenceRoom> found = room(domain, number);
    if (found.isEmpty()) {
      return found;
    }
    ConferenceRoom was = found.get();
    String newPin = pin instanceof PinEdit.Set s ? s.pin() : null;
    String newModerator = moderatorPin instanceof PinEdit.Set s ? s.pin() : null;
    ConferenceRoom.checkPin(newPin);
    ConferenceRoom.checkPin("moderatorPin", newModerator);
    String pinHash = hash(pin, newPin, was.pinHash());
    String moderatorHash = hash(moderatorPin, newModerator, was.moderatorPinHash());
    // The two must differ, whichever of them is new: a kept one is known only by its hash.
    boolean same =
        newPin != null && newModerator != null
            ? newPin.equals(newModerator)
            : newPin != null && moderatorHash != null
                ? PinHash.matches(moderatorHash, newPin)
                : newModerator != null && pinHash != null && PinHash.matches(pinHash, newModerator);
    if (same) {
      throw new InvalidValueException(
          "moderatorPin", "the moderator PIN must differ from the room's PIN");
    }
    return Optional.of(
        write(
            domain,
            new ConferenceRoom(
                number,
                name == null ? was.name() : name,
                pinHash,
                moderatorHash,
                waitForModerator == null ? was.waitForModerator() : waitForModerator)));
  }

  private static String hash(PinEdit edit, String newPin, String kept) {
    if (edit instanceof PinEdit.Set) {
      return PinHash.create(newPin);
    }
    return edit instanceof PinEdit.Remove ? null : kept;
  }

  private ConferenceRoom write(String domain, ConferenceRoom r) {
    Properties p = new Properties();
    p.setProperty("name", r.name());
    if (r.pinHash() != null) {
      p.setProperty("pin", r.pinHash());
    }
    if (r.moderatorPinHash() != null) {
      p.setProperty("moderatorPin", r.moderatorPinHash());
    }
    if (r.waitForModerator()) {
      p.setProperty("waitForModerator", "true");
    }
    files.write(domain, r.number(), p);
    return r;
  }

  /** Whether {@code pin} is {@code room}'s moderator PIN (never, for a room without one). */
  public static boolean moderates(ConferenceRoom room, String pin) {
    return room.moderatorPinHash() != null && PinHash.matches(room.moderatorPinHash(), pin);
  }

  /** Whether {@code pin} opens {@code room} (always, for a room without a PIN). */
  public static boolean opens(ConferenceRoom room, String pin) {
    return room.pinHash() == null || PinHash.matches(room.pinHash(), pin);
  }

  public boolean delete(String domain, String number) {
    return files.delete(domain, number);
  }
}
