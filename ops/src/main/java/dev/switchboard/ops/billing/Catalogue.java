package dev.switchboard.ops.billing;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The price book: plans and their dated price versions. */
public final class Catalogue {

  private static final String COLUMNS =
      "id, code, name, currency, valid_from, system_fee, account_fee, service_fee,"
          + " service_per_seat, recurring_flat, recurring_per_seat";

  private final Jdbi jdbi;
  private final Clock clock;

  public Catalogue(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Every price version of every plan, by code then valid-from date. */
  public List<Plan> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM billing_plan ORDER BY code, valid_from")
                .map(Catalogue::map)
                .list());
  }

  /**
   * The version of {@code code} in force on {@code on}: the latest valid from that day or before.
   */
  public Plan get(String code, LocalDate on) {
    return jdbi.withHandle(h -> get(h, code, on));
  }

  static Plan get(Handle h, String code, LocalDate on) {
    if (on == null) {
      throw new InvalidValueException("on", "a date is required");
    }
    Optional<Plan> plan =
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM billing_plan WHERE code = :code AND valid_from <= :on"
                    + " ORDER BY valid_from DESC")
            .bind("code", code)
            .bind("on", on)
            .setMaxRows(1)
            .map(Catalogue::map)
            .findFirst();
    return plan.orElseThrow(
        () -> new NotFoundException("planCode", "no plan " + code + " valid on " + on));
  }

  /**
   * The first-year charge of {@code seats} on {@code planCode} as priced on {@code on}: a quote.
   */
  public BigDecimal firstYearPrice(String planCode, int seats, LocalDate on) {
    Subscriptions.requireSeats(seats);
    return get(planCode, on).firstYearPrice(seats);
  }

  /** Adds a new plan; {@link DuplicateException} on "code" when the plan exists. */
  public Plan create(Plan plan) {
    return jdbi.inTransaction(
        h -> {
          long n =
              h.createQuery("SELECT COUNT(*) FROM billing_plan WHERE code = :c")
                  .bind("c", plan.code())
                  .mapTo(Long.class)
                  .one();
          if (n > 0) {
            throw new DuplicateException("code", "plan " + plan.code() + " exists");
          }
          return insert(h, plan);
        });
  }

  /**
   * Adds a price version to an existing plan, valid from a later day than every version so far;
   * subscriptions already sold keep their prices.
   */
  public Plan addVersion(Plan plan) {
    return jdbi.inTransaction(
        h -> {
          Optional<LocalDate> latest =
              h.createQuery("SELECT MAX(valid_from) FROM billing_plan WHERE code = :c")
                  .bind("c", plan.code())
                  .mapTo(LocalDate.class)
                  .findOne();
          if (latest.isEmpty() || latest.get() == null) {
            throw new NotFoundException("code", "no plan " + plan.code());
          }
          if (!plan.validFrom().isAfter(latest.get())) {
            throw new InvalidValueException(
                "validFrom", "a new version must be valid from after " + latest.get());
          }
          return insert(h, plan);
        });
  }

  private Plan insert(Handle h, Plan p) {
    long id =
        h.createUpdate(
                "INSERT INTO billing_plan (code, name, currency, valid_from, system_fee,"
                    + " account_fee, service_fee, service_per_seat, recurring_flat,"
                    + " recurring_per_seat, created_at) VALUES (:code, :name, :currency, :from,"
                    + " :sys, :acc, :svc, :perSeat, :rf, :rps, :now)")
            .bind("code", p.code())
            .bind("name", p.name())
            .bind("currency", p.currency())
            .bind("from", p.validFrom())
            .bind("sys", p.systemFee())
            .bind("acc", p.accountFee())
            .bind("svc", p.serviceFee())
            .bind("perSeat", p.servicePerSeat())
            .bind("rf", p.recurringFlat())
            .bind("rps", p.recurringPerSeat())
            .bind("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return new Plan(
        id,
        p.code(),
        p.name(),
        p.currency(),
        p.validFrom(),
        p.systemFee(),
        p.accountFee(),
        p.serviceFee(),
        p.servicePerSeat(),
        p.recurringFlat(),
        p.recurringPerSeat());
  }

  private static Plan map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Plan(
        rs.getLong("id"),
        rs.getString("code"),
        rs.getString("name"),
        rs.getString("currency"),
        rs.getObject("valid_from", LocalDate.class),
        rs.getBigDecimal("system_fee"),
        rs.getBigDecimal("account_fee"),
        rs.getBigDecimal("service_fee"),
        rs.getBoolean("service_per_seat"),
        rs.getBigDecimal("recurring_flat"),
        rs.getBigDecimal("recurring_per_seat"));
  }
}
