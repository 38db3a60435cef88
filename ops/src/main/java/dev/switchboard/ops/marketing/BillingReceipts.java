package dev.switchboard.ops.marketing;

import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Lifetime revenue per acquisition channel from billing's receipts: payments less refunds of the
 * customers (customer_profile) acquired in the range, grouped by their acquisition channel. Empty
 * when the billing tables are not in this database.
 */
public final class BillingReceipts implements ChannelRanking.Revenue {

  private final Jdbi jdbi;

  public BillingReceipts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Map<String, BigDecimal>> byChannel(LocalDate from, LocalDate to) {
    return jdbi.withHandle(
        h -> {
          if (!hasTable(h, "billing_payment") || !hasTable(h, "billing_refund")) {
            return Optional.empty();
          }
          Map<String, BigDecimal> out = new HashMap<>();
          sum(h, "billing_payment", from, to, out, BigDecimal.ONE);
          sum(h, "billing_refund", from, to, out, BigDecimal.ONE.negate());
          return Optional.of(out);
        });
  }

  private static void sum(
      Handle h,
      String table,
      LocalDate from,
      LocalDate to,
      Map<String, BigDecimal> out,
      BigDecimal sign) {
    h.createQuery(
            "SELECT c.acquisition_channel, SUM(p.amount) FROM "
                + table
                + " p JOIN customer_profile c ON c.tenant_id = p.tenant_id"
                + " WHERE c.acquisition_channel IS NOT NULL AND c.acquired_on >= :from"
                + " AND c.acquired_on <= :to GROUP BY c.acquisition_channel")
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
        .forEach(e -> out.merge(e.getKey(), e.getValue().multiply(sign), BigDecimal::add));
  }

  static boolean hasTable(Handle h, String name) {
    try {
      DatabaseMetaData meta = h.getConnection().getMetaData();
      String schema = h.getConnection().getSchema();
      for (String n : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
        try (ResultSet rs = meta.getTables(null, schema, n, new String[] {"TABLE"})) {
          if (rs.next()) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
