package dev.switchboard.store.usage;

import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after the last row of a page: a sort key and the row id, sent to clients as an
 * opaque base64url token so they cannot depend on its shape.
 */
public record PageCursor(String key, long id) {

  private static final char SEPARATOR = '\n';

  public String encode() {
    byte[] raw = (id + "" + SEPARATOR + key).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The cursor in {@code token}, or null for a null token; a bad token is a 400 on "cursor". */
  public static PageCursor decode(String token) {
    if (token == null) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int cut = raw.indexOf(SEPARATOR);
      if (cut <= 0) {
        throw new IllegalArgumentException("no separator");
      }
      return new PageCursor(raw.substring(cut + 1), Long.parseLong(raw.substring(0, cut)));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("cursor", "cursor is not one this server handed out");
    }
  }
}
