package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.tenant.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The help center: categories, FAQ articles and standard answers, and search over their terms (see
 * {@link HelpText}); articles rank by how many of the query's terms they hold, then by how often.
 */
public final class HelpCenter {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,47}");
  private static final String COLUMNS =
      "a.id, c.code, a.article_kind, a.title, a.body, a.published, a.use_count, a.updated_at";

  private final Database db;
  private final Clock clock;

  public HelpCenter(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public HelpCategory createCategory(String code, String nameEn, String nameZh, int sortNo) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new InvalidValueException("code", "code: lower-case letters, digits, - and _");
    }
    String en = Tenant.requireText("nameEn", nameEn, 120);
    String zh = Tenant.requireText("nameZh", nameZh, 120);
    try {
      db.jdbi()
          .useHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO help_category (code, name_en, name_zh, sort_no) VALUES (:c,"
                              + " :en, :zh, :s)")
                      .bind("c", code)
                      .bind("en", en)
                      .bind("zh", zh)
                      .bind("s", sortNo)
                      .execute());
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException("code", "category " + code + " exists");
      }
      throw e;
    }
    return categories().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
  }

  public List<HelpCategory> categories() {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, code, name_en, name_zh, sort_no FROM help_category ORDER BY"
                            + " sort_no, code")
                    .map(
                        (rs, ctx) ->
                            new HelpCategory(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5)))
                    .list());
  }

  /** Adds an article ({@code kind} "faq" or "answer") to a category and indexes it. */
  public HelpArticle create(
      String category, String kind, String title, String body, boolean published) {
    String k = kind(kind);
    String t = Tenant.requireText("title", title, 300);
    String b = Tenant.requireText("body", body, 8000);
    long id =
        db.jdbi()
            .inTransaction(
                h -> {
                  long cat = categoryId(h, category);
                  long articleId =
                      h.createUpdate(
                              "INSERT INTO help_article (category_id, article_kind, title, body,"
                                  + " published, use_count, updated_at) VALUES (:c, :k, :t, :b, :p,"
                                  + " 0, :now)")
                          .bind("c", cat)
                          .bind("k", k)
                          .bind("t", t)
                          .bind("b", b)
                          .bind("p", published)
                          .bind("now", BusinessCalendar.utc(clock.instant()))
                          .executeAndReturnGeneratedKeys("id")
                          .mapTo(Long.class)
                          .one();
                  index(h, articleId, t, b);
                  return articleId;
                });
    return get(id);
  }

  /** Rewrites an article's text and publication and re-indexes it. */
  public HelpArticle update(long id, String title, String body, boolean published) {
    String t = Tenant.requireText("title", title, 300);
    String b = Tenant.requireText("body", body, 8000);
    get(id);
    db.jdbi()
        .useTransaction(
            h -> {
              h.createUpdate(
                      "UPDATE help_article SET title = :t, body = :b, published = :p, updated_at ="
                          + " :now WHERE id = :id")
                  .bind("t", t)
                  .bind("b", b)
                  .bind("p", published)
                  .bind("now", BusinessCalendar.utc(clock.instant()))
                  .bind("id", id)
                  .execute();
              h.createUpdate("DELETE FROM help_term WHERE article_id = :id")
                  .bind("id", id)
                  .execute();
              index(h, id, t, b);
            });
    return get(id);
  }

  /** Counts one use of a standard answer (pasted into a case). */
  public HelpArticle use(long id) {
    get(id);
    db.jdbi()
        .useHandle(
            h ->
                h.createUpdate("UPDATE help_article SET use_count = use_count + 1 WHERE id = :id")
                    .bind("id", id)
                    .execute());
    return get(id);
  }

  private static void index(Handle h, long id, String title, String body) {
    Map<String, Integer> terms = HelpText.terms(title + "\n" + body);
    // Title words count three times: an article about the query beats one that mentions it.
    HelpText.terms(title).forEach((term, n) -> terms.merge(term, 2 * n, Integer::sum));
    PreparedBatch batch =
        h.prepareBatch("INSERT INTO help_term (article_id, term, hits) VALUES (:a, :t, :n)");
    terms.forEach((term, n) -> batch.bind("a", id).bind("t", term).bind("n", n).add());
    if (!terms.isEmpty()) {
      batch.execute();
    }
  }

  private static long categoryId(Handle h, String code) {
    return h.createQuery("SELECT id FROM help_category WHERE code = :c")
        .bind("c", code)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> new InvalidValueException("category", "no category " + code));
  }

  private static String kind(String kind) {
    if (!"faq".equals(kind) && !"answer".equals(kind)) {
      throw new InvalidValueException("kind", "kind must be faq or answer");
    }
    return kind;
  }

  public HelpArticle get(long id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM help_article a JOIN help_category c ON c.id = a.category_id"
                            + " WHERE a.id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> map(rs))
                    .findOne())
        .orElseThrow(() -> new NotFoundException("id", "article " + id + " not found"));
  }

  /** Articles of a kind (null: both) and category (null: all), published only if asked. */
  public List<HelpArticle> list(String kind, String category, boolean publishedOnly) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + COLUMNS
                + " FROM help_article a JOIN help_category c ON c.id = a.category_id WHERE 1 = 1");
    if (kind != null) {
      kind(kind);
      sql.append(" AND a.article_kind = :k");
    }
    if (category != null) {
      sql.append(" AND c.code = :c");
    }
    if (publishedOnly) {
      sql.append(" AND a.published = TRUE");
    }
    sql.append(" ORDER BY c.sort_no, a.title");
    return db.jdbi()
        .withHandle(
            h -> {
              var q = h.createQuery(sql.toString());
              if (kind != null) {
                q.bind("k", kind);
              }
              if (category != null) {
                q.bind("c", category);
              }
              return q.map((rs, ctx) -> map(rs)).list();
            });
  }

  /**
   * Articles holding at least half of the query's terms (rounded up), most terms matched first,
   * then most hits. Empty for a query without terms.
   */
  public List<HelpArticle> search(String query, String kind, boolean publishedOnly, int limit) {
    List<String> terms = new ArrayList<>(HelpText.terms(query).keySet());
    if (terms.isEmpty()) {
      return List.of();
    }
    if (terms.size() > 40) {
      terms = terms.subList(0, 40);
    }
    int need = (terms.size() + 1) / 2;
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + COLUMNS
                + ", m.matched, m.total FROM (SELECT article_id, COUNT(*) AS matched, SUM(hits) AS"
                + " total FROM help_term WHERE term IN (<terms>) GROUP BY article_id HAVING"
                + " COUNT(*) >= :need) m JOIN help_article a ON a.id = m.article_id JOIN"
                + " help_category c ON c.id = a.category_id WHERE 1 = 1");
    if (kind != null) {
      kind(kind);
      sql.append(" AND a.article_kind = :k");
    }
    if (publishedOnly) {
      sql.append(" AND a.published = TRUE");
    }
    sql.append(" ORDER BY m.matched DESC, m.total DESC, a.id LIMIT :limit");
    List<String> bound = terms;
    return db.jdbi()
        .withHandle(
            h -> {
              var q =
                  h.createQuery(sql.toString())
                      .bindList("terms", bound)
                      .bind("need", need)
                      .bind("limit", limit);
              if (kind != null) {
                q.bind("k", kind);
              }
              return q.map((rs, ctx) -> map(rs)).list();
            });
  }

  private static HelpArticle map(ResultSet rs) throws SQLException {
    return new HelpArticle(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getBoolean(6),
        rs.getInt(7),
        CaseRepository.instant(rs, 8));
  }
}
