package dev.switchboard.ops.billing;

import org.jdbi.v3.core.Handle;

/**
 * Gapless numbers per series and calendar year (INV-2026-000123, CN-2026-000007): the counter row
 * is updated inside the caller's transaction, so a rolled-back invoice leaves no hole.
 */
final class DocumentNumbers {

  private DocumentNumbers() {}

  static String next(Handle h, String series, int year) {
    int updated =
        h.createUpdate(
                "UPDATE billing_number_sequence SET last_no = last_no + 1"
                    + " WHERE series = :s AND year_no = :y")
            .bind("s", series)
            .bind("y", year)
            .execute();
    if (updated == 0) {
      h.createUpdate(
              "INSERT INTO billing_number_sequence (series, year_no, last_no) VALUES (:s, :y, 1)")
          .bind("s", series)
          .bind("y", year)
          .execute();
    }
    int n =
        h.createQuery(
                "SELECT last_no FROM billing_number_sequence WHERE series = :s AND year_no = :y")
            .bind("s", series)
            .bind("y", year)
            .mapTo(Integer.class)
            .one();
    return String.format("%s-%d-%06d", series, year, n);
  }
}
