package dev.switchboard.store.voicemail;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The voicemail boxes under the data directory: {@code DOMAIN/USER/} holds an optional {@code
 * greeting.wav} and each message as {@code ID.wav} plus {@code ID.properties} (caller, time,
 * length); a message being recorded is {@code ID.wav.part} until it is kept.
 */
public final class Mailboxes {
  // Domains and user parts become directory names: nothing that could climb out of the root.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-]{0,127}");
  private static final Pattern PIN = Pattern.compile("[0-9]{4,12}");
  private static final Pattern MESSAGE_ID = Pattern.compile("[0-9]{13}-[0-9a-f]{6}");
  // A plain mailbox address: no spaces, no CR/LF (it goes into an SMTP command line).
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\\-.]{0,251}[A-Za-z0-9])?");

  private final Path root;
  // Summaries by mailbox directory, dropped by every change made through this object: message
  // waiting asks for them twice a second per watching phone, and a listing reads every message.
  private final ConcurrentHashMap<Path, Summary> summaries = new ConcurrentHashMap<>();

  public Mailboxes(Path root) {
    this.root = root;
  }

  /** The directory of {@code domain}'s mailboxes (not created). */
  private Path tenant(String domain) {
    String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
    if (!SAFE.matcher(d).matches() || d.contains("..")) {
      throw new InvalidValueException("domain", "not a domain name: " + domain);
    }
    return root.resolve(d);
  }

  /** The mailbox directory of {@code user@domain} (not created). */
  private Path box(String domain, String user) {
    Path d = tenant(domain);
    if (user == null || !SAFE.matcher(user).matches() || user.contains("..")) {
      throw new InvalidValueException("user", "not a user part we keep a mailbox for: " + user);
    }
    return d.resolve(user);
  }

  /** The owner's recorded or uploaded greeting, if there is one. */
  public Optional<Path> greeting(String domain, String user) {
    Path g = box(domain, user).resolve("greeting.wav");
    return Files.isRegularFile(g) ? Optional.of(g) : Optional.empty();
  }

  /**
   * Bytes on disk of {@code domain}'s voicemail: the kept recordings (audio and metadata, and any
   * being recorded now) and the owners' greetings.
   */
  public record Footprint(long recordings, long greetings) {}

  /** What {@code domain}'s mailboxes take on disk now; zero when it has none. */
  public Footprint footprint(String domain) {
    Path d = tenant(domain);
    if (!Files.isDirectory(d)) {
      return new Footprint(0, 0);
    }
    long recordings = 0;
    long greetings = 0;
    try (Stream<Path> boxes = Files.list(d)) {
      for (Path box : boxes.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(box)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            String name = f.getFileName().toString();
            long size = sizeOrZero(f);
            if (name.equals("greeting.wav")) {
              greetings += size;
            } else if (MESSAGE_ID.matcher(name.split("\\.", 2)[0]).matches()) {
              recordings += size;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Footprint(recordings, greetings);
  }

  // A message may be deleted (or kept and renamed) between the listing and the stat.
  private static long sizeOrZero(Path f) throws IOException {
    try {
      return Files.size(f);
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    }
  }

  /** A message being recorded: write the audio to {@link #file()}, then {@link #keep} it. */
  public record Deposit(Path box, String id, String caller, Instant receivedAt) {
    public Path file() {
      return box.resolve(id + ".wav.part");
    }
  }

  /** Opens a new message for {@code user@domain} from {@code caller}, answered at {@code at}. */
  public Deposit open(String domain, String user, String caller, Instant at) throws IOException {
    Path box = create(box(domain, user));
    String id =
        String.format(
            Locale.ROOT,
            "%013d-%06x",
            at.toEpochMilli(),
            ThreadLocalRandom.current().nextInt(1 << 24));
    return new Deposit(box, id, caller, at);
  }

  // Callers' voices (and owners' addresses) are the owner's alone, like the rest of the data
  // directory.
  private static Path create(Path dir) throws IOException {
    try {
      return Files.createDirectories(
          dir,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      return Files.createDirectories(dir);
    }
  }

  /** Keeps a finished recording of {@code durationMillis}: its metadata first, then its audio. */
  public VoicemailMessage keep(Deposit d, long durationMillis) throws IOException {
    Properties p = new Properties();
    p.setProperty("caller", d.caller() == null ? "" : d.caller());
    p.setProperty("receivedAt", d.receivedAt().toString());
    p.setProperty("durationMillis", Long.toString(durationMillis));
    try (Writer w =
        Files.newBufferedWriter(d.box().resolve(d.id() + ".properties"), StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    Files.move(d.file(), d.box().resolve(d.id() + ".wav"), StandardCopyOption.ATOMIC_MOVE);
    summaries.remove(d.box());
    return new VoicemailMessage(d.id(), d.caller(), d.receivedAt(), durationMillis, false);
  }

  /** Drops a recording that is not worth keeping (the caller hung up at once). */
  public void discard(Deposit d) throws IOException {
    Files.deleteIfExists(d.file());
  }

  /** The kept messages of {@code user@domain}, oldest first. */
  public List<VoicemailMessage> messages(String domain, String user) {
    Path box = box(domain, user);
    if (!Files.isDirectory(box)) {
      return List.of();
    }
    List<VoicemailMessage> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(box)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".wav")
            && MESSAGE_ID.matcher(name.substring(0, name.length() - 4)).matches()) {
          read(box, name.substring(0, name.length() - 4)).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The audio of one kept message. */
  public Path audio(String domain, String user, String id) {
    Path box = box(domain, user);
    if (id == null
        || !MESSAGE_ID.matcher(id).matches()
        || !Files.isRegularFile(box.resolve(id + ".wav"))) {
      throw new NotFoundException("id", "no voicemail message " + id);
    }
    return box.resolve(id + ".wav");
  }

  private static Optional<VoicemailMessage> read(Path box, String id) throws IOException {
    Path meta = box.resolve(id + ".properties");
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return Optional.of(
        new VoicemailMessage(
            id,
            p.getProperty("caller", ""),
            Instant.parse(p.getProperty("receivedAt")),
            Long.parseLong(p.getProperty("durationMillis", "0")),
            Boolean.parseBoolean(p.getProperty("saved", "false"))));
  }

  /** Deletes one kept message (its audio first, so a listing never shows a message without it). */
  public void delete(String domain, String user, String id) throws IOException {
    Path wav = audio(domain, user, id);
    Files.delete(wav);
    Files.deleteIfExists(wav.resolveSibling(id + ".properties"));
    summaries.remove(box(domain, user));
  }

  /** Marks one kept message as saved (old): it no longer counts as waiting. */
  public void save(String domain, String user, String id) throws IOException {
    Path meta = audio(domain, user, id).resolveSibling(id + ".properties");
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    p.setProperty("saved", "true");
    Path next = meta.resolveSibling(id + ".properties.part");
    try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    Files.move(next, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    summaries.remove(box(domain, user));
  }

  /** How many messages are new and how many saved (RFC 3842's new/old counts). */
  public record Summary(int newMessages, int oldMessages) {
    public boolean waiting() {
      return newMessages > 0;
    }
  }

  /**
   * The new/old counts of {@code user@domain}, read from disk once and then kept until a change
   * made here (a removal that waits for a reading in progress, so no stale count survives it).
   */
  public Summary summary(String domain, String user) {
    return summaries.computeIfAbsent(box(domain, user), b -> count(domain, user));
  }

  private Summary count(String domain, String user) {
    int fresh = 0;
    int old = 0;
    for (VoicemailMessage m : messages(domain, user)) {
      if (m.saved()) {
        old++;
      } else {
        fresh++;
      }
    }
    return new Summary(fresh, old);
  }

  /** Sets the PIN that retrieval by phone asks for (4 to 12 digits), kept only as a slow hash. */
  public void setPin(String domain, String user, String pin) throws IOException {
    if (pin == null || !PIN.matcher(pin).matches()) {
      throw new InvalidValueException("pin", "a PIN is 4 to 12 digits");
    }
    replace(create(box(domain, user)).resolve("pin"), PinHash.create(pin));
  }

  /** Writes {@code text} to {@code file} whole: a reader sees the old text or the new. */
  private static void replace(Path file, String text) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".part");
    Files.writeString(next, text, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Sets (or with null, clears) the address each new message of the mailbox is e-mailed to. */
  public void setEmail(String domain, String user, String email) throws IOException {
    Path box = box(domain, user);
    if (email == null || email.isBlank()) {
      Files.deleteIfExists(box.resolve("email"));
      return;
    }
    String e = email.trim();
    if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
      throw new InvalidValueException("email", "not an e-mail address: " + email);
    }
    replace(create(box).resolve("email"), e);
  }

  /** The address new messages of the mailbox are e-mailed to, if the owner gave one. */
  public Optional<String> email(String domain, String user) {
    Path f = box(domain, user).resolve("email");
    try {
      return Files.isRegularFile(f)
          ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets {@code domain}'s voicemail limits. */
  public void setRetention(String domain, Retention r) throws IOException {
    Properties p = new Properties();
    if (r.maxMessages() != null) {
      p.setProperty("maxMessages", r.maxMessages().toString());
    }
    if (r.maxAgeDays() != null) {
      p.setProperty("maxAgeDays", r.maxAgeDays().toString());
    }
    java.io.StringWriter w = new java.io.StringWriter();
    p.store(w, null);
    replace(create(tenant(domain)).resolve("retention.properties"), w.toString());
  }

  /** {@code domain}'s voicemail limits; {@link Retention#NONE} until it sets some. */
  public Retention retention(String domain) {
    Path f = tenant(domain).resolve("retention.properties");
    if (!Files.isRegularFile(f)) {
      return Retention.NONE;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Retention(number(p, "maxMessages"), number(p, "maxAgeDays"));
  }

  private static Integer number(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null ? null : Integer.valueOf(v.trim());
  }

  /** Whether {@code user@domain} holds as many messages as its tenant allows: it takes no more. */
  public boolean full(String domain, String user) {
    Integer max = retention(domain).maxMessages();
    return max != null && messages(domain, user).size() >= max;
  }

  /**
   * Removes messages older than their tenant's {@code maxAgeDays} at {@code now}, at most {@code
   * limit} of them (a bounded step: the next sweep goes on where this one stopped); returns how
   * many it removed.
   */
  public int sweep(Instant now, int limit) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    List<Path> tenants;
    try (Stream<Path> s = Files.list(root)) {
      tenants = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path t : tenants) {
      Integer days = retention(t.getFileName().toString()).maxAgeDays();
      if (days == null) {
        continue;
      }
      Instant oldest = now.minus(java.time.Duration.ofDays(days));
      List<Path> boxes;
      try (Stream<Path> s = Files.list(t)) {
        boxes = s.filter(Files::isDirectory).sorted().toList();
      }
      for (Path b : boxes) {
        String domain = t.getFileName().toString();
        String user = b.getFileName().toString();
        for (VoicemailMessage m : messages(domain, user)) {
          if (removed >= limit) {
            return removed;
          }
          if (m.receivedAt().isBefore(oldest)) {
            delete(domain, user, m.id());
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /** Whether the owner set a PIN. */
  public boolean hasPin(String domain, String user) {
    return Files.isRegularFile(box(domain, user).resolve("pin"));
  }

  /** Whether {@code pin} is the owner's PIN; false when none is set. */
  public boolean pinMatches(String domain, String user, String pin) throws IOException {
    Path f = box(domain, user).resolve("pin");
    if (pin == null || !Files.isRegularFile(f)) {
      return false;
    }
    return PinHash.matches(Files.readString(f, StandardCharsets.UTF_8).trim(), pin);
  }
}
