package dev.switchboard.ops.churn;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.csv.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A customer table brought from elsewhere (CSV with a header row): any columns, numeric or
 * categorical, plus a churned flag column the user names. Columns whose every non-empty value is a
 * number are numeric; the rest are categories, except identifiers (text unique in more than half
 * the rows), which are left out.
 */
public final class OwnHistory {

  /** Flag values read as churned; everything else in {@link #NO} as stayed. */
  static final Set<String> YES = Set.of("yes", "y", "true", "1", "churned", "t");

  static final Set<String> NO = Set.of("no", "n", "false", "0", "stayed", "retained", "f");

  /** At most this many rows, to keep an upload's training within seconds. */
  public static final int MAX_ROWS = 50_000;

  /** One column as read: its kind, or why it was left out. */
  public record Column(String name, String kind, int distinct, int missing) {}

  private final List<LabelledRow> rows;
  private final List<Column> columns;

  private OwnHistory(List<LabelledRow> rows, List<Column> columns) {
    this.rows = rows;
    this.columns = columns;
  }

  public List<LabelledRow> rows() {
    return rows;
  }

  public List<Column> columns() {
    return columns;
  }

  /** Reads {@code csv}; bad input is a 400 naming the field. */
  public static OwnHistory read(Reader csv, String churnColumn) {
    if (churnColumn == null || churnColumn.isBlank()) {
      throw new InvalidValueException("churnColumn", "churnColumn is required");
    }
    List<List<String>> lines = new ArrayList<>();
    List<String> header;
    try (BufferedReader in = new BufferedReader(csv)) {
      String first = in.readLine();
      if (first == null) {
        throw new InvalidValueException("csv", "the CSV is empty");
      }
      header = CsvLine.split(stripBom(first));
      String line;
      int n = 1;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = CsvLine.split(line);
        if (f.size() != header.size()) {
          throw new InvalidValueException(
              "csv", "line " + n + " has " + f.size() + " fields, the header " + header.size());
        }
        lines.add(f);
        if (lines.size() > MAX_ROWS) {
          throw new InvalidValueException("csv", "more than " + MAX_ROWS + " rows");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int flag = header.indexOf(churnColumn);
    if (flag < 0) {
      throw new InvalidValueException(
          "churnColumn", "no column " + churnColumn + " in the header " + header);
    }
    if (lines.size() < 20) {
      throw new InvalidValueException("csv", "at least 20 rows are needed, got " + lines.size());
    }
    List<Column> columns = new ArrayList<>();
    boolean[] numeric = new boolean[header.size()];
    boolean[] used = new boolean[header.size()];
    for (int j = 0; j < header.size(); j++) {
      if (j == flag) {
        continue;
      }
      Set<String> distinct = new HashSet<>();
      int missing = 0;
      boolean allNumbers = true;
      for (List<String> l : lines) {
        String v = l.get(j).strip();
        if (v.isEmpty()) {
          missing++;
          continue;
        }
        distinct.add(v);
        allNumbers &= number(v) != null;
      }
      String kind;
      if (distinct.size() <= 1) {
        kind = "dropped_constant";
      } else if (allNumbers) {
        kind = "numeric";
        numeric[j] = true;
        used[j] = true;
      } else if (distinct.size() > lines.size() / 2) {
        kind = "dropped_identifier";
      } else {
        kind = "categorical";
        used[j] = true;
      }
      columns.add(new Column(header.get(j), kind, distinct.size(), missing));
    }
    List<LabelledRow> rows = new ArrayList<>(lines.size());
    int n = 1;
    for (List<String> l : lines) {
      n++;
      String f = l.get(flag).strip().toLowerCase(Locale.ROOT);
      boolean churned;
      if (YES.contains(f)) {
        churned = true;
      } else if (NO.contains(f)) {
        churned = false;
      } else {
        throw new InvalidValueException(
            "churnColumn", "line " + n + ": " + churnColumn + " must be yes/no, true/false or 1/0");
      }
      Map<String, Double> num = new LinkedHashMap<>();
      Map<String, String> cat = new LinkedHashMap<>();
      for (int j = 0; j < header.size(); j++) {
        if (!used[j]) {
          continue;
        }
        String v = l.get(j).strip();
        if (numeric[j]) {
          num.put(header.get(j), v.isEmpty() ? Double.NaN : number(v));
        } else {
          cat.put(header.get(j), v);
        }
      }
      rows.add(new LabelledRow(new FeatureRow("row " + n, num, cat), churned));
    }
    long churned = rows.stream().filter(LabelledRow::churned).count();
    if (churned < 5 || rows.size() - churned < 5) {
      throw new InvalidValueException(
          "churnColumn",
          "at least 5 churned and 5 retained rows are needed, got " + churned + " churned");
    }
    return new OwnHistory(rows, columns);
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static Double number(String v) {
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
