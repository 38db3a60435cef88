package dev.switchboard.ops.billing;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.CustomerProfile;
import dev.switchboard.ops.customer.CustomerProfiles;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.StoreException;
import dev.switchboard.store.csv.CsvLine;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports customers, subscriptions and payment history from one CSV file (a company moving from
 * spreadsheets), replaying every row through the same rules as the API in file order. All or
 * nothing: one rejected row rolls the whole file back, and the report names every rejected row with
 * its line number and reason. The columns are in docs/billing.md.
 */
public final class BillingImport {

  /** The header, in this order. */
  public static final List<String> COLUMNS =
      List.of(
          "kind",
          "domain",
          "company",
          "industry",
          "region",
          "size_band",
          "channel",
          "campaign",
          "acquisition_cost",
          "owner_email",
          "plan",
          "seats",
          "date",
          "auto_renew",
          "amount",
          "method",
          "reference");

  /** The most rows one file may have. */
  public static final int MAX_ROWS = 200_000;

  private final Jdbi jdbi;
  private final Clock clock;

  public BillingImport(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Told how far the import is: rows done of rows in all. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void rowsDone(int done, int total);
  }

  /** A row that could not be imported: its line in the file (header = 1) and why. */
  public record Rejection(int line, String field, String reason) {}

  /**
   * What the import did: {@code committed} is false when any row was rejected, and then nothing was
   * written. The counts say what was (or would have been) created.
   */
  public record Report(
      int rows,
      boolean committed,
      int customers,
      int subscriptions,
      int invoices,
      int payments,
      List<Rejection> rejected) {}

  public Report run(Reader csv, Progress progress) {
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    read(csv, rows, lines, rejected);
    int[] counts = new int[4];
    boolean committed =
        jdbi.inTransaction(
            h -> {
              Map<String, Long> tenants = new HashMap<>();
              for (int i = 0; i < rows.size(); i++) {
                h.savepoint("row");
                try {
                  apply(h, rows.get(i), tenants, counts);
                  h.release("row");
                } catch (StoreException e) {
                  h.rollbackToSavepoint("row");
                  rejected.add(new Rejection(lines.get(i), e.field(), e.getMessage()));
                } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                  h.rollbackToSavepoint("row");
                  rejected.add(new Rejection(lines.get(i), null, "the database refused the row"));
                }
                if (i % 100 == 99 || i == rows.size() - 1) {
                  progress.rowsDone(i + 1, rows.size());
                }
              }
              if (!rejected.isEmpty()) {
                h.rollback();
                return false;
              }
              return true;
            });
    rejected.sort(java.util.Comparator.comparingInt(Rejection::line));
    return new Report(
        rows.size(), committed, counts[0], counts[1], counts[2], counts[3], List.copyOf(rejected));
  }

  private static void read(
      Reader csv, List<String[]> rows, List<Integer> lines, List<Rejection> rejected) {
    try (BufferedReader in = new BufferedReader(csv)) {
      String header = in.readLine();
      if (header == null) {
        throw new InvalidValueException("csv", "the file is empty");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      List<String> names =
          CsvLine.split(header).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
      if (!names.equals(COLUMNS)) {
        throw new InvalidValueException(
            "csv", "the header must be exactly: " + String.join(",", COLUMNS));
      }
      String line;
      int no = 1;
      while ((line = in.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        if (rows.size() >= MAX_ROWS) {
          throw new InvalidValueException("csv", "at most " + MAX_ROWS + " rows per file");
        }
        List<String> f;
        try {
          f = CsvLine.split(line);
        } catch (RuntimeException e) {
          rejected.add(new Rejection(no, null, "not a CSV line: " + e.getMessage()));
          continue;
        }
        if (f.size() != COLUMNS.size()) {
          rejected.add(
              new Rejection(no, null, "expected " + COLUMNS.size() + " fields, found " + f.size()));
          continue;
        }
        rows.add(f.stream().map(String::trim).toArray(String[]::new));
        lines.add(no);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void apply(Handle h, String[] r, Map<String, Long> tenants, int[] counts) {
    String kind = r[0].toLowerCase(Locale.ROOT);
    String domain = TenantRepository.lower(required(r, 1, "domain"));
    switch (kind) {
      case "customer" -> {
        customer(h, r, domain);
        counts[0]++;
      }
      case "subscription" -> {
        Subscriptions.Change c =
            Subscriptions.subscribe(
                h,
                tenant(h, domain, tenants),
                required(r, 10, "plan"),
                seats(r),
                date(r),
                r[13].isEmpty() || bool(r[13]),
                date(r),
                clock);
        counts[1]++;
        counts[2] += c.invoice() == null ? 0 : 1;
      }
      case "seats" -> {
        Subscriptions.Change c =
            Subscriptions.changeSeats(
                h, tenant(h, domain, tenants), seats(r), date(r), date(r), clock);
        counts[2] += c.invoice() == null ? 0 : 1;
      }
      case "renewal" -> {
        Subscriptions.renew(h, tenant(h, domain, tenants), date(r), clock);
        counts[2]++;
      }
      case "cancel" ->
          Subscriptions.cancel(h, tenant(h, domain, tenants), false, date(r), date(r), clock);
      case "reactivate" -> {
        Subscriptions.Change c =
            Subscriptions.reactivate(h, tenant(h, domain, tenants), date(r), date(r), clock);
        counts[2] += c.invoice() == null ? 0 : 1;
      }
      case "payment" -> {
        payment(h, tenant(h, domain, tenants), r);
        counts[3]++;
      }
      default ->
          throw new InvalidValueException(
              "kind",
              "kind must be customer, subscription, seats, renewal, cancel, reactivate or"
                  + " payment");
    }
  }

  private void customer(Handle h, String[] r, String domain) {
    if (TenantRepository.idOf(h, domain).isPresent()) {
      throw new InvalidValueException("domain", "a tenant with domain " + domain + " exists");
    }
    String company = required(r, 2, "company");
    LocalDate acquired = r[12].isEmpty() ? null : date(r);
    Tenant t =
        new Tenant(
            domain,
            company,
            TenantStatus.ACTIVE,
            r[3].isEmpty() ? null : r[3],
            BusinessCalendar.ZONE,
            java.time.Instant.now(clock),
            null);
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    h.createUpdate(
            "INSERT INTO tenant (sip_domain, name, status, industry, time_zone, created_at,"
                + " routing_mode) VALUES (:d, :n, 'active', :i, :tz, :at, 'proxy')")
        .bind("d", t.domain())
        .bind("n", t.name())
        .bind("i", t.industry())
        .bind("tz", t.timeZone().getId())
        .bind("at", now)
        .execute();
    DirectoryChangeLog.record(h, t.domain(), null);
    long id = TenantRepository.idOf(h, domain).orElseThrow();
    BigDecimal cost =
        r[8].isEmpty() ? null : Money.amount("acquisition_cost", decimal(r[8], "acquisition_cost"));
    CustomerProfiles.replace(
        h,
        new CustomerProfile(
            id,
            company,
            limit(r[4], 100, "region"),
            limit(r[5], 32, "size_band"),
            limit(r[6], 64, "channel"),
            limit(r[7], 64, "campaign"),
            cost,
            acquired,
            limit(r[9], 254, "owner_email"),
            null),
        now);
  }

  /** Pays the customer's oldest outstanding invoices first; more than is owed is refused. */
  private static void payment(Handle h, long tenantId, String[] r) {
    LocalDate on = date(r);
    BigDecimal amount = Money.positive("amount", decimal(required(r, 14, "amount"), "amount"));
    List<Invoice> open =
        h
            .createQuery(
                "SELECT invoice_no FROM billing_invoice WHERE tenant_id = :t AND issued_on <= :d"
                    + " ORDER BY issued_on, id")
            .bind("t", tenantId)
            .bind("d", on)
            .mapTo(String.class)
            .list()
            .stream()
            .map(n -> Invoices.get(h, n, Invoices.END_OF_TIME))
            .filter(i -> i.outstanding().signum() > 0)
            .toList();
    BigDecimal owed = open.stream().map(Invoice::outstanding).reduce(Money.ZERO, BigDecimal::add);
    if (amount.compareTo(owed) > 0) {
      throw new InvalidValueException(
          "amount", "over-payment refused: " + owed + " is outstanding on " + on);
    }
    BigDecimal left = amount;
    for (Invoice i : open) {
      if (left.signum() == 0) {
        break;
      }
      BigDecimal part = left.min(i.outstanding());
      Payments.pay(
          h, i.id(), on, part, r[15].isEmpty() ? null : r[15], r[16].isEmpty() ? null : r[16]);
      left = left.subtract(part);
    }
  }

  private static long tenant(Handle h, String domain, Map<String, Long> cache) {
    Long id = cache.get(domain);
    if (id == null) {
      id = Subscriptions.tenantId(h, domain);
      cache.put(domain, id);
    }
    return id;
  }

  private static String required(String[] r, int i, String field) {
    if (r[i].isEmpty()) {
      throw new InvalidValueException(field, field + " is required");
    }
    return r[i];
  }

  private static String limit(String v, int max, String field) {
    if (v.isEmpty()) {
      return null;
    }
    if (v.length() > max) {
      throw new InvalidValueException(field, field + " is at most " + max + " characters");
    }
    return v;
  }

  private static int seats(String[] r) {
    try {
      return Integer.parseInt(required(r, 11, "seats"));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("seats", "seats must be a whole number");
    }
  }

  private static LocalDate date(String[] r) {
    try {
      return LocalDate.parse(required(r, 12, "date"));
    } catch (DateTimeException e) {
      throw new InvalidValueException("date", "date must be like 2024-03-01");
    }
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new InvalidValueException("auto_renew", "auto_renew must be true or false");
    };
  }

  private static BigDecimal decimal(String v, String field) {
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(field, field + " must be a decimal like 1000.00");
    }
  }
}
