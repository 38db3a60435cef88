package dev.switchboard.store.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of RFC 4180 CSV: split into fields (quoted fields, doubled quotes; no line breaks) or
 * joined from them. Every import and export in the product reads and writes through here.
 */
public final class CsvLine {

  private CsvLine() {}

  /** The fields of {@code line}, or null when its quoting is broken. */
  public static List<String> split(String line) {
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

  /** One CSV line from {@code fields}, quoting only those that need it; no line terminator. */
  public static String join(List<String> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      // A leading = + - @ would be run as a formula by spreadsheets: quote and prefix with '.
      boolean formula = !f.isEmpty() && "=+-@".indexOf(f.charAt(0)) >= 0 && !isNumber(f);
      if (formula) {
        f = "'" + f;
      }
      if (formula
          || f.indexOf(',') >= 0
          || f.indexOf('"') >= 0
          || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    return out.toString();
  }

  private static boolean isNumber(String f) {
    return f.matches("[-+]?[0-9]+(\\.[0-9]+)?");
  }
}
