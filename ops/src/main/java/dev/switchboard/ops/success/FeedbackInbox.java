package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Feedback to product: classified on arrival, folded onto an earlier report of the same thing, and
 * listed in the product inbox with how many customers asked and the revenue they bring.
 */
public final class FeedbackInbox {

  static final Set<String> SOURCES = Set.of("case", "survey", "sales", "manual");
  static final Set<String> STATUSES = Set.of("new", "triaged", "planned", "done", "declined");
  private static final String COLUMNS =
      "f.id, t.sip_domain, f.source, f.source_ref, f.feedback_kind, f.classified_by, f.content,"
          + " f.duplicate_of, f.status, f.valuable, f.created_at";

  private final Database db;
  private final CustomerFactsSource facts;
  private final Clock clock;

  public FeedbackInbox(Database db, CustomerFactsSource facts, Clock clock) {
    this.db = db;
    this.facts = facts;
    this.clock = clock;
  }

  /** Takes in feedback of a customer ({@code domain} may be null for internal feedback). */
  public Feedback submit(
      String domain, String source, String sourceRef, String content, Instant at) {
    if (source == null || !SOURCES.contains(source)) {
      throw new InvalidValueException("source", "source must be case, survey, sales or manual");
    }
    String text = Tenant.requireText("content", content, 4000);
    String ref =
        sourceRef == null || sourceRef.isBlank()
            ? null
            : Tenant.requireText("sourceRef", sourceRef, 64);
    long id =
        db.jdbi()
            .inTransaction(
                h -> {
                  Long tenant = null;
                  if (domain != null && !domain.isBlank()) {
                    tenant =
                        TenantRepository.idOf(h, domain)
                            .orElseThrow(
                                () -> new NotFoundException("domain", "no tenant " + domain));
                  }
                  Set<String> terms = HelpText.terms(text).keySet();
                  FeedbackClassifier.Classified c =
                      FeedbackClassifier.classify(text, storedRules(h), corrections(h));
                  Long duplicateOf = firstReportLike(h, terms);
                  return h.createUpdate(
                          "INSERT INTO success_feedback (tenant_id, source, source_ref,"
                              + " feedback_kind, classified_by, content, fingerprint, duplicate_of,"
                              + " status, valuable, created_at) VALUES (:t, :s, :ref, :k, :by, :c,"
                              + " :fp, :dup, 'new', FALSE, :at)")
                      .bindByType("t", tenant, Long.class)
                      .bind("s", source)
                      .bind("ref", ref)
                      .bind("k", c.kind().wireName())
                      .bind("by", c.byUser() ? "user" : "rule")
                      .bind("c", text)
                      .bind("fp", fingerprint(terms))
                      .bindByType("dup", duplicateOf, Long.class)
                      .bind("at", BusinessCalendar.utc(at == null ? clock.instant() : at))
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
                });
    return get(id);
  }

  static String fingerprint(Set<String> terms) {
    String s = String.join(" ", new TreeSet<>(terms));
    return s.length() > 400 ? s.substring(0, 400) : s;
  }

  private static Set<String> unprint(String fingerprint) {
    return fingerprint.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(fingerprint.split(" ")));
  }

  private static Long firstReportLike(Handle h, Set<String> terms) {
    Long best = null;
    double bestScore = 0;
    for (Map.Entry<Long, String> e :
        h.createQuery("SELECT id, fingerprint FROM success_feedback WHERE duplicate_of IS NULL")
            .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
            .list()) {
      double j = FeedbackClassifier.jaccard(terms, unprint(e.getValue()));
      if (j >= FeedbackClassifier.SIMILAR && j > bestScore) {
        best = e.getKey();
        bestScore = j;
      }
    }
    return best;
  }

  private static Map<String, FeedbackKind> storedRules(Handle h) {
    Map<String, FeedbackKind> out = new LinkedHashMap<>();
    h.createQuery("SELECT keyword, feedback_kind FROM success_feedback_rule ORDER BY keyword")
        .map((rs, ctx) -> out.put(rs.getString(1), FeedbackKind.parse(rs.getString(2))))
        .forEach(x -> {});
    return out;
  }

  private static List<FeedbackClassifier.Correction> corrections(Handle h) {
    return h.createQuery(
            "SELECT fingerprint, feedback_kind FROM success_feedback WHERE classified_by = 'user'")
        .map(
            (rs, ctx) ->
                new FeedbackClassifier.Correction(
                    unprint(rs.getString(1)), FeedbackKind.parse(rs.getString(2))))
        .list();
  }

  /**
   * A user's correction of the kind; {@code keyword} (optional) becomes a stored rule so later
   * texts holding it get the same kind.
   */
  public Feedback correct(long id, FeedbackKind kind, String keyword) {
    get(id);
    db.jdbi()
        .useTransaction(
            h -> {
              h.createUpdate(
                      "UPDATE success_feedback SET feedback_kind = :k, classified_by = 'user' WHERE"
                          + " id = :id")
                  .bind("k", kind.wireName())
                  .bind("id", id)
                  .execute();
              if (keyword != null && !keyword.isBlank()) {
                String kw = Tenant.requireText("keyword", keyword, 64).toLowerCase(Locale.ROOT);
                h.createUpdate("DELETE FROM success_feedback_rule WHERE keyword = :k")
                    .bind("k", kw)
                    .execute();
                h.createUpdate(
                        "INSERT INTO success_feedback_rule (keyword, feedback_kind, learned) VALUES"
                            + " (:k, :kind, TRUE)")
                    .bind("k", kw)
                    .bind("kind", kind.wireName())
                    .execute();
              }
            });
    return get(id);
  }

  /** Moves a report (and the duplicates folded onto it) to {@code status}; sets valuable. */
  public Feedback update(long id, String status, Boolean valuable) {
    if (status != null && !STATUSES.contains(status)) {
      throw new InvalidValueException(
          "status", "status must be new, triaged, planned, done or declined");
    }
    get(id);
    db.jdbi()
        .useTransaction(
            h -> {
              if (status != null) {
                h.createUpdate(
                        "UPDATE success_feedback SET status = :s WHERE id = :id OR duplicate_of = :id")
                    .bind("s", status)
                    .bind("id", id)
                    .execute();
              }
              if (valuable != null) {
                h.createUpdate("UPDATE success_feedback SET valuable = :v WHERE id = :id")
                    .bind("v", valuable)
                    .bind("id", id)
                    .execute();
              }
            });
    return get(id);
  }

  public Feedback get(long id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM success_feedback f LEFT JOIN tenant t ON t.id = f.tenant_id"
                            + " WHERE f.id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> map(rs))
                    .findOne())
        .orElseThrow(() -> new NotFoundException("id", "feedback " + id + " not found"));
  }

  /** Every report of one customer (null: all), newest first. */
  public List<Feedback> list(String domain, int limit) {
    return db.jdbi()
        .withHandle(
            h -> {
              var q =
                  h.createQuery(
                          "SELECT "
                              + COLUMNS
                              + " FROM success_feedback f LEFT JOIN tenant t ON t.id = f.tenant_id"
                              + (domain == null ? "" : " WHERE t.sip_domain = :d")
                              + " ORDER BY f.created_at DESC, f.id DESC LIMIT :limit")
                      .bind("limit", limit);
              if (domain != null) {
                q.bind("d", domain.toLowerCase(Locale.ROOT));
              }
              return q.map((rs, ctx) -> map(rs)).list();
            });
  }

  /** A first report in the product inbox with what was folded onto it. */
  public record InboxItem(
      Feedback first,
      int reports,
      int customers,
      BigDecimal revenueAtStake,
      List<String> domains) {}

  /** First reports with their duplicates counted, most customers first; status null: all. */
  public List<InboxItem> inbox(String status, FeedbackKind kind) {
    return db.jdbi()
        .withHandle(
            h -> {
              Map<Long, BigDecimal> mrr = facts.monthlyRevenue(h);
              List<Feedback> all =
                  h.createQuery(
                          "SELECT "
                              + COLUMNS
                              + ", f.tenant_id FROM success_feedback f LEFT JOIN tenant t ON t.id ="
                              + " f.tenant_id ORDER BY f.id")
                      .map((rs, ctx) -> map(rs))
                      .list();
              Map<Long, Long> tenantOf = new HashMap<>();
              h.createQuery(
                      "SELECT id, tenant_id FROM success_feedback WHERE tenant_id IS NOT NULL")
                  .map((rs, ctx) -> tenantOf.put(rs.getLong(1), rs.getLong(2)))
                  .forEach(x -> {});
              Map<Long, List<Feedback>> groups = new LinkedHashMap<>();
              for (Feedback f : all) {
                long root = f.duplicateOf() == null ? f.id() : f.duplicateOf();
                groups.computeIfAbsent(root, k -> new ArrayList<>()).add(f);
              }
              List<InboxItem> out = new ArrayList<>();
              for (List<Feedback> g : groups.values()) {
                Feedback first = g.get(0);
                if (first.duplicateOf() != null
                    || (status != null && !status.equals(first.status()))
                    || (kind != null && kind != first.kind())) {
                  continue;
                }
                Set<Long> tenants = new java.util.LinkedHashSet<>();
                Set<String> domains = new TreeSet<>();
                for (Feedback f : g) {
                  Long t = tenantOf.get(f.id());
                  if (t != null) {
                    tenants.add(t);
                    domains.add(f.domain());
                  }
                }
                BigDecimal revenue = BigDecimal.ZERO.setScale(2);
                for (Long t : tenants) {
                  revenue = revenue.add(mrr.getOrDefault(t, BigDecimal.ZERO));
                }
                out.add(
                    new InboxItem(first, g.size(), tenants.size(), revenue, List.copyOf(domains)));
              }
              out.sort(
                  java.util.Comparator.comparingInt((InboxItem i) -> -i.customers())
                      .thenComparing(i -> i.revenueAtStake().negate())
                      .thenComparingLong(i -> i.first().id()));
              return out;
            });
  }

  private static Feedback map(ResultSet rs) throws SQLException {
    long dup = rs.getLong(8);
    Long duplicateOf = rs.wasNull() ? null : dup;
    return new Feedback(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        FeedbackKind.parse(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        duplicateOf,
        rs.getString(9),
        rs.getBoolean(10),
        CaseRepository.instant(rs, 11));
  }
}
