package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every tenant's auto-attendant menus under the data directory: {@code DOMAIN/NUMBER.properties}
 * for the menu and {@code DOMAIN/NUMBER.wav} for its greeting, when one was uploaded.
 */
public final class IvrMenus {
  private final NumberFiles files;

  public IvrMenus(Path root) {
    this.files = new NumberFiles(root);
  }

  /** Whether {@code domain} has a menu at {@code number}: quick, for routing. */
  public boolean exists(String domain, String number) {
    return files.exists(domain, number);
  }

  public Optional<IvrMenu> menu(String domain, String number) {
    return files.read(domain, number).map(p -> read(number, p));
  }

  public List<IvrMenu> menus(String domain) {
    return files.numbers(domain).stream().flatMap(n -> menu(domain, n).stream()).toList();
  }

  /** Creates or replaces the menu (its greeting stays). */
  public void save(String domain, IvrMenu m) {
    Properties p = new Properties();
    p.setProperty("name", m.name());
    p.setProperty("timeout", Integer.toString(m.timeoutSeconds()));
    p.setProperty("retries", Integer.toString(m.retries()));
    p.setProperty("fallback", m.fallback().text());
    m.keys().forEach((k, d) -> p.setProperty("key." + k, d.text()));
    if (m.hours() != null) {
      p.setProperty("hours.zone", m.hours().zone().getId());
      p.setProperty("hours.days", m.hours().daysText());
      p.setProperty("hours.open", m.hours().open().toString());
      p.setProperty("hours.close", m.hours().close().toString());
      if (!m.hours().holidays().isEmpty()) {
        p.setProperty("hours.holidays", m.hours().holidaysText());
      }
      p.setProperty("afterHours", m.afterHours().text());
    }
    files.write(domain, m.number(), p);
  }

  /** Removes the menu and its greeting; false when there was no such menu. */
  public boolean delete(String domain, String number) {
    return files.delete(domain, number, ".wav");
  }

  /** The uploaded greeting, if any. */
  public Optional<Path> greeting(String domain, String number) {
    Path g = files.file(domain, number, ".wav");
    return Files.isRegularFile(g) ? Optional.of(g) : Optional.empty();
  }

  /** Bytes of {@code domain}'s uploaded greetings on disk. */
  public long greetingBytes(String domain) {
    return files.bytes(domain, ".wav");
  }

  /** Stores {@code wav} (already checked to be audio) as the menu's greeting. */
  public void saveGreeting(String domain, String number, InputStream wav) {
    if (menu(domain, number).isEmpty()) {
      throw new InvalidValueException("number", "no menu " + number);
    }
    Path g = files.file(domain, number, ".wav");
    Path next = g.resolveSibling(number + ".wav.next");
    try {
      Files.copy(wav, next, StandardCopyOption.REPLACE_EXISTING);
      Files.move(next, g, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IvrMenu read(String number, Properties p) {
    Map<Character, IvrDestination> keys = new HashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("key.") && k.length() == 5) {
        keys.put(k.charAt(4), IvrDestination.parse(k, p.getProperty(k)));
      }
    }
    return new IvrMenu(
        number,
        p.getProperty("name"),
        Integer.parseInt(p.getProperty("timeout", "5")),
        Integer.parseInt(p.getProperty("retries", "2")),
        keys,
        IvrDestination.parse("fallback", p.getProperty("fallback", "hangup")),
        p.getProperty("hours.zone") == null
            ? null
            : BusinessHours.parse(
                p.getProperty("hours.zone"),
                p.getProperty("hours.days"),
                p.getProperty("hours.open"),
                p.getProperty("hours.close"),
                p.getProperty("hours.holidays")),
        p.getProperty("afterHours") == null
            ? null
            : IvrDestination.parse("afterHours", p.getProperty("afterHours")));
  }
}
