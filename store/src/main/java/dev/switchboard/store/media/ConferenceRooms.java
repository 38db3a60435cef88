package dev.switchboard.store.media;

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
        .map(p -> new ConferenceRoom(number, p.getProperty("name"), p.getProperty("pin")));
  }

  public List<ConferenceRoom> rooms(String domain) {
    return files.numbers(domain).stream().flatMap(n -> room(domain, n).stream()).toList();
  }

  /** Creates or replaces the room; a null {@code pin} leaves it open to every caller. */
  public ConferenceRoom save(String domain, String number, String name, String pin) {
    ConferenceRoom.checkPin(pin);
    ConferenceRoom r = new ConferenceRoom(number, name, pin == null ? null : PinHash.create(pin));
    Properties p = new Properties();
    p.setProperty("name", r.name());
    if (r.pinHash() != null) {
      p.setProperty("pin", r.pinHash());
    }
    files.write(domain, r.number(), p);
    return r;
  }

  /** Whether {@code pin} opens {@code room} (always, for a room without a PIN). */
  public static boolean opens(ConferenceRoom room, String pin) {
    return room.pinHash() == null || PinHash.matches(room.pinHash(), pin);
  }

  public boolean delete(String domain, String number) {
    return files.delete(domain, number);
  }
}
