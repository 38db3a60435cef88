package dev.switchboard.ops.sales;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores the sales reps and their teams. */
public final class RepRepository {

  private final Jdbi jdbi;
  private final Clock clock;

  public RepRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Adds {@code rep}; {@link DuplicateException} on "email" when the email is taken. */
  public Rep create(Rep rep) {
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO sales_rep (email, name, team, active, created_at)"
                          + " VALUES (:email, :name, :team, :active, :at)")
                  .bind("email", rep.email())
                  .bind("name", rep.name())
                  .bind("team", rep.team())
                  .bind("active", rep.active())
                  .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                  .execute());
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException("email", "a rep with email " + rep.email() + " exists");
      }
      throw e;
    }
    return rep;
  }

  /** Changes a rep's name, team and whether they are active. */
  public Rep update(Rep rep) {
    int n =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE sales_rep SET name = :name, team = :team, active = :active"
                            + " WHERE email = :email")
                    .bind("email", rep.email())
                    .bind("name", rep.name())
                    .bind("team", rep.team())
                    .bind("active", rep.active())
                    .execute());
    if (n == 0) {
      throw notFound(rep.email());
    }
    return rep;
  }

  /** All reps by team, then email. */
  public List<Rep> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT email, name, team, active FROM sales_rep ORDER BY team, email")
                .map(
                    (rs, ctx) ->
                        new Rep(
                            rs.getString("email"),
                            rs.getString("name"),
                            rs.getString("team"),
                            rs.getBoolean("active")))
                .list());
  }

  public Optional<Rep> find(String email) {
    return list().stream().filter(r -> r.email().equals(lower(email))).findFirst();
  }

  public Rep get(String email) {
    return find(email).orElseThrow(() -> notFound(email));
  }

  static long idOf(Handle h, String email) {
    return h.createQuery("SELECT id FROM sales_rep WHERE email = :e")
        .bind("e", lower(email))
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> notFound(email));
  }

  private static String lower(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  private static NotFoundException notFound(String email) {
    return new NotFoundException("rep", "no sales rep " + lower(email));
  }
}
