package dev.switchboard.server.services;

import dev.switchboard.media.wav.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spoken prompts: short 8 kHz WAVs that scripts/prompts.sh made with espeak-ng, shipped as
 * resources per language; read once, then kept. Numbers are said digit by digit.
 */
public final class Speech {
  /** What the services say; each has a WAV per language named by its {@link #file()}. */
  public enum Phrase {
    LEAVE_MESSAGE,
    MAILBOX_FULL,
    ENTER_PIN,
    INVALID_PIN,
    YOU_HAVE,
    NEW_MESSAGES,
    MENU,
    NO_MORE_MESSAGES,
    DELETED,
    SAVED,
    INVALID_INPUT,
    CONFERENCE_PIN,
    MUTED,
    UNMUTED,
    WAITING_MODERATOR;

    String file() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private static final Map<PromptLanguage, Map<String, short[]>> CACHE =
      new EnumMap<>(PromptLanguage.class);

  static {
    for (PromptLanguage l : PromptLanguage.values()) {
      CACHE.put(l, new ConcurrentHashMap<>());
    }
  }

  private Speech() {}

  /** {@code phrase} in {@code language} (8 kHz samples; callers must not change them). */
  public static short[] say(PromptLanguage language, Phrase phrase) {
    return load(language, phrase.file());
  }

  /** {@code n} (0 or more) said digit by digit, e.g. 12: "one two". */
  public static short[] number(PromptLanguage language, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a count is never negative: " + n);
    }
    String digits = Long.toString(n);
    short[][] parts = new short[digits.length()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = load(language, "digit-" + digits.charAt(i));
    }
    return Prompt.concat(parts);
  }

  private static short[] load(PromptLanguage language, String name) {
    return CACHE.get(language).computeIfAbsent(name, n -> read(language, n));
  }

  private static short[] read(PromptLanguage language, String name) {
    String path = "prompts/" + language.code() + "/" + name + ".wav";
    try (InputStream in = Speech.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no prompt " + path + " (run scripts/prompts.sh)");
      }
      return WavReader.read(in.readAllBytes()).narrowband();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
