package dev.switchboard.ops.success;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Where renewals read term ends: billing's subscriptions once they exist. The fallback assumes
 * annual terms from {@code customer_profile.acquired_on}: every anniversary of a live customer is a
 * term end, those passed were renewed; a cancelled customer's outcomes are unknown to it.
 */
@FunctionalInterface
public interface TermEndSource {

  /** Term ends from {@code from} to {@code to} inclusive. */
  List<TermEnd> termEnds(Handle h, LocalDate from, LocalDate to, LocalDate today);

  TermEndSource ANNIVERSARIES =
      (h, from, to, today) -> {
        List<TermEnd> out = new ArrayList<>();
        h.createQuery(
                "SELECT p.tenant_id, p.acquired_on FROM customer_profile p JOIN tenant t ON t.id ="
                    + " p.tenant_id WHERE p.acquired_on IS NOT NULL AND t.status IN ('trial',"
                    + " 'active')")
            .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)})
            .forEach(
                r -> {
                  LocalDate start = (LocalDate) r[1];
                  for (int y = 1; y < 100; y++) {
                    LocalDate end = start.plusYears(y);
                    if (end.isAfter(to)) {
                      break;
                    }
                    if (!end.isBefore(from)) {
                      out.add(new TermEnd((Long) r[0], end, end.isAfter(today) ? null : true));
                    }
                  }
                });
        return out;
      };
}
