package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Stores success stories and finds the ones to offer a customer: same industry, not its own. */
public final class StoryRepository {

  private static final String COLUMNS =
      "s.id, t.sip_domain, COALESCE(p.company, t.name), s.title, s.practice, s.industry, s.status,"
          + " s.for_marketing, s.created_at";
  private static final String FROM =
      " FROM success_story s JOIN tenant t ON t.id = s.tenant_id LEFT JOIN customer_profile p ON"
          + " p.tenant_id = s.tenant_id";

  private final Database db;
  private final Clock clock;

  public StoryRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Writes up a story of the customer {@code domain}; its industry is the tenant's. */
  public SuccessStory create(
      String domain,
      String title,
      String practice,
      boolean publish,
      boolean forMarketing,
      Instant at) {
    String t = Tenant.requireText("title", title, 300);
    String p = Tenant.requireText("practice", practice, 4000);
    long id =
        db.jdbi()
            .inTransaction(
                h -> {
                  long tenant =
                      TenantRepository.idOf(h, domain)
                          .orElseThrow(
                              () -> new NotFoundException("domain", "no tenant " + domain));
                  return h.createUpdate(
                          "INSERT INTO success_story (tenant_id, title, practice, industry, status,"
                              + " for_marketing, created_at) SELECT id, :t, :p, industry, :s, :m,"
                              + " :at FROM tenant WHERE id = :tenant")
                      .bind("tenant", tenant)
                      .bind("t", t)
                      .bind("p", p)
                      .bind("s", publish ? "published" : "draft")
                      .bind("m", forMarketing)
                      .bind("at", BusinessCalendar.utc(at == null ? clock.instant() : at))
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
                });
    return get(id);
  }

  public SuccessStory get(long id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT " + COLUMNS + FROM + " WHERE s.id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> map(rs))
                    .findOne())
        .orElseThrow(() -> new NotFoundException("id", "story " + id + " not found"));
  }

  /** Publishes (or unpublishes) a story and sets whether marketing may use it. */
  public SuccessStory update(long id, String status, boolean forMarketing) {
    if (!"draft".equals(status) && !"published".equals(status)) {
      throw new InvalidValueException("status", "status must be draft or published");
    }
    get(id);
    db.jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "UPDATE success_story SET status = :s, for_marketing = :m WHERE id = :id")
                    .bind("s", status)
                    .bind("m", forMarketing)
                    .bind("id", id)
                    .execute());
    return get(id);
  }

  /** Stories, newest first; {@code forMarketing} true lists only those offered to marketing. */
  public List<SuccessStory> list(boolean forMarketing) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + FROM
                            + (forMarketing
                                ? " WHERE s.for_marketing = TRUE AND s.status = 'published'"
                                : "")
                            + " ORDER BY s.created_at DESC, s.id DESC")
                    .map((rs, ctx) -> map(rs))
                    .list());
  }

  /** Published stories of other customers in the same industry as {@code domain}. */
  public List<SuccessStory> similarTo(String domain) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + FROM
                            + " WHERE s.status = 'published' AND t.sip_domain <> :d AND s.industry ="
                            + " (SELECT industry FROM tenant WHERE sip_domain = :d) ORDER BY"
                            + " s.created_at DESC")
                    .bind("d", domain.toLowerCase(java.util.Locale.ROOT))
                    .map((rs, ctx) -> map(rs))
                    .list());
  }

  private static SuccessStory map(ResultSet rs) throws SQLException {
    return new SuccessStory(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        CaseRepository.instant(rs, 9));
  }
}
