package dev.switchboard.store.account;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of RFC 4180 CSV into fields (quoted fields, doubled quotes; no line breaks). */
final class CsvLine {

  private CsvLine() {}

  /** The fields of {@code line}, or null when its quoting is broken. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (wasQuoted) {
        if (!Character.isWhitespace(c)) {
          return null; // text after a closing quote
        }
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    fields.add(wasQuoted ? field.toString() : field.toString().trim());
    return fields;
  }
}
