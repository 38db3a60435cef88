package dev.switchboard.store.media;

import dev.switchboard.store.InvalidValueException;

/**
 * Where a key (or running out of tries) takes a caller in an auto-attendant menu, written as text:
 * {@code dial:2000} (an extension or ring group, anything the PBX routes), {@code voicemail:3002},
 * {@code menu:801}, {@code extension} (the caller keys an extension and #) or {@code hangup}.
 */
public sealed interface IvrDestination {

  /** Calls {@code number} in the tenant and connects the caller when someone answers. */
  record Dial(String number) implements IvrDestination {}

  /** Leaves a message in {@code user}'s mailbox. */
  record Voicemail(String user) implements IvrDestination {}

  /** Another menu of the tenant. */
  record Menu(String number) implements IvrDestination {}

  /** The caller keys an extension ended by {@code #} (or a pause), which is then dialled. */
  record DialByExtension() implements IvrDestination {}

  record Hangup() implements IvrDestination {}

  /** The text form, as {@link #parse} reads it. */
  default String text() {
    if (this instanceof Dial d) {
      return "dial:" + d.number();
    }
    if (this instanceof Voicemail v) {
      return "voicemail:" + v.user();
    }
    if (this instanceof Menu m) {
      return "menu:" + m.number();
    }
    return this instanceof DialByExtension ? "extension" : "hangup";
  }

  /** Reads the text form; {@code field} names the value in the error. */
  static IvrDestination parse(String field, String text) {
    if (text == null) {
      throw new InvalidValueException(field, field + " is missing");
    }
    String t = text.trim();
    if (t.equals("extension")) {
      return new DialByExtension();
    }
    if (t.equals("hangup")) {
      return new Hangup();
    }
    int colon = t.indexOf(':');
    String kind = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? "" : t.substring(colon + 1);
    if (!arg.matches("[0-9A-Za-z._+\\-]{1,64}")) {
      throw new InvalidValueException(
          field,
          field
              + ": expected dial:NUMBER, voicemail:USER, menu:NUMBER, extension or hangup, got \""
              + text
              + "\"");
    }
    return switch (kind) {
      case "dial" -> new Dial(arg);
      case "voicemail" -> new Voicemail(arg);
      case "menu" -> {
        if (!NumberFiles.NUMBER.matcher(arg).matches()) {
          throw new InvalidValueException(field, field + ": a menu number is 2 to 16 digits");
        }
        yield new Menu(arg);
      }
      default ->
          throw new InvalidValueException(
              field, field + ": unknown destination kind \"" + kind + "\"");
    };
  }
}
