package dev.switchboard.store.account;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.csv.CsvLine;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.tenant.TenantRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Imports accounts from CSV ({@code user,password,displayName[,enabled]} with a header row).
 *
 * <p>Every row is checked first; the good rows are then inserted in JDBC batches inside one
 * transaction, so either all of them land or (on a database failure) none do. Bad rows are reported
 * with their line numbers and never stop the good ones.
 */
public final class AccountImport {

  /** Rows per JDBC batch: large enough to amortise round trips, small enough to report progress. */
  static final int BATCH = 1_000;

  /** One refused row; {@code line} counts from 1 with the header as line 1. */
  public record Rejection(int line, String user, String reason) {}

  /** The outcome of an import. */
  public record Report(int imported, List<Rejection> rejected) {}

  /** Told how far the import has come; {@code processed} of {@code total} data rows. */
  @FunctionalInterface
  public interface Progress {
    void update(int processed, int total);

    Progress NONE = (processed, total) -> {};
  }

  private record Row(int line, Account account, String password) {}

  private record Line(int number, String text) {}

  private final Jdbi jdbi;

  public AccountImport(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Reads {@code csv} and imports its rows into the tenant of {@code domain}. */
  public Report run(String domain, Reader csv, Progress progress) {
    String realm = TenantRepository.lower(domain);
    List<Line> lines = readLines(csv);
    if (lines.isEmpty()) {
      throw new InvalidValueException("csv", "the CSV is empty; expected a header row");
    }
    Map<String, Integer> columns = header(lines.get(0).text());
    Instant now = Instant.now();
    return jdbi.inTransaction(
        h -> {
          long tenant = AccountRepository.tenantId(h, realm);
          Set<String> existing =
              new HashSet<>(
                  h.createQuery("SELECT user_part FROM account WHERE tenant_id = :t")
                      .bind("t", tenant)
                      .mapTo(String.class)
                      .list());
          List<Rejection> rejected = new ArrayList<>();
          List<Row> good = new ArrayList<>();
          Map<String, Integer> seen = new HashMap<>();
          for (int i = 1; i < lines.size(); i++) {
            int lineNo = lines.get(i).number();
            String text = lines.get(i).text();
            if (text.isBlank()) {
              continue;
            }
            List<String> fields = CsvLine.split(text);
            if (fields == null) {
              rejected.add(new Rejection(lineNo, null, "malformed CSV quoting"));
              continue;
            }
            String user = field(fields, columns, "user");
            if (fields.size() != columns.size()) {
              rejected.add(
                  new Rejection(
                      lineNo,
                      user,
                      "expected " + columns.size() + " columns, found " + fields.size()));
              continue;
            }
            try {
              Account account =
                  new Account(
                      user,
                      field(fields, columns, "displayname"),
                      enabled(field(fields, columns, "enabled")),
                      AccountOptions.DEFAULTS,
                      now);
              String password = field(fields, columns, "password");
              if (password == null || password.isEmpty()) {
                throw new InvalidValueException("password", "missing password");
              }
              DigestHa1.validatePassword(password);
              Integer first = seen.putIfAbsent(user, lineNo);
              if (first != null) {
                rejected.add(
                    new Rejection(lineNo, user, "duplicate in file (first on line " + first + ")"));
              } else if (existing.contains(user)) {
                rejected.add(new Rejection(lineNo, user, "already exists"));
              } else {
                good.add(new Row(lineNo, account, password));
              }
            } catch (StoreException e) {
              rejected.add(new Rejection(lineNo, user, reason(e)));
            }
          }
          int total = good.size() + rejected.size();
          int processed = rejected.size();
          progress.update(processed, total);
          int imported = 0;
          for (int from = 0; from < good.size(); from += BATCH) {
            List<Row> chunk = good.subList(from, Math.min(good.size(), from + BATCH));
            PreparedBatch batch =
                h.prepareBatch(AccountRepository.INSERT + " ON CONFLICT DO NOTHING");
            for (Row row : chunk) {
              AccountRepository.bindAccount(
                      batch,
                      tenant,
                      row.account(),
                      DigestHa1.of(row.account().user(), realm, row.password()))
                  .add();
            }
            int[] counts = batch.execute();
            for (int k = 0; k < counts.length; k++) {
              // 0 rows: another writer added the same user since we looked.
              if (counts[k] == 0) {
                Row row = chunk.get(k);
                rejected.add(new Rejection(row.line(), row.account().user(), "already exists"));
              } else {
                imported++;
              }
            }
            processed += chunk.size();
            progress.update(processed, total);
          }
          if (imported > 0) {
            // One tenant-wide change rather than a row per account: readers reload the tenant.
            DirectoryChangeLog.record(h, realm, null);
          }
          rejected.sort((a, b) -> Integer.compare(a.line(), b.line()));
          return new Report(imported, List.copyOf(rejected));
        });
  }

  private static String reason(StoreException e) {
    return switch (e.field() == null ? "" : e.field()) {
      case "user" -> "bad user: " + e.getMessage();
      case "password" ->
          e.getMessage().startsWith("missing") ? e.getMessage() : "bad password: " + e.getMessage();
      case "enabled" -> "bad enabled value: " + e.getMessage();
      default -> "bad " + e.field() + ": " + e.getMessage();
    };
  }

  private static Map<String, Integer> header(String line) {
    List<String> names = CsvLine.split(line.startsWith("\uFEFF") ? line.substring(1) : line);
    if (names == null) {
      throw new InvalidValueException("csv", "malformed header row");
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).toLowerCase(Locale.ROOT).replace("_", "");
      if (!Set.of("user", "password", "displayname", "enabled").contains(name)) {
        throw new InvalidValueException(
            "csv",
            "unknown column '" + names.get(i) + "'; expected user,password,displayName[,enabled]");
      }
      if (columns.putIfAbsent(name, i) != null) {
        throw new InvalidValueException("csv", "column '" + names.get(i) + "' appears twice");
      }
    }
    if (!columns.containsKey("user") || !columns.containsKey("password")) {
      throw new InvalidValueException("csv", "the header must name the columns user and password");
    }
    return columns;
  }

  private static String field(List<String> fields, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    return i == null || i >= fields.size() ? null : fields.get(i);
  }

  private static boolean enabled(String text) {
    if (text == null || text.isBlank()) {
      return true;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "y" -> true;
      case "false", "no", "0", "n" -> false;
      default -> throw new InvalidValueException("enabled", "'" + text + "' is not true or false");
    };
  }

  /** Lines with their 1-based numbers, leading blank lines dropped. */
  private static List<Line> readLines(Reader csv) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(csv)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (lines.isEmpty() && line.isBlank()) {
          continue;
        }
        lines.add(new Line(n, line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
