package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Stores competitors and their comparison FAQ. */
public final class CompetitorRepository {

  static final Set<String> KINDS = Set.of("manual", "desktop", "app", "other");

  private final Jdbi jdbi;
  private final Clock clock;

  public CompetitorRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public List<Competitor> list() {
    return jdbi.withHandle(h -> load(h, null));
  }

  public Competitor get(long id) {
    List<Competitor> one = jdbi.withHandle(h -> load(h, id));
    if (one.isEmpty()) {
      throw new NotFoundException("id", "no competitor " + id);
    }
    return one.get(0);
  }

  private static List<Competitor> load(Handle h, Long id) {
    Map<Long, List<Competitor.Faq>> faqs = new HashMap<>();
    var fq =
        h.createQuery(
            "SELECT id, competitor_id, question, answer FROM competitor_faq"
                + (id == null ? "" : " WHERE competitor_id = :id")
                + " ORDER BY id");
    if (id != null) {
      fq.bind("id", id);
    }
    fq.map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong(2),
                    new Competitor.Faq(rs.getLong(1), rs.getString(3), rs.getString(4))))
        .forEach(e -> faqs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    var q =
        h.createQuery(
            "SELECT id, name, kind, features, pricing, strengths, weaknesses FROM competitor"
                + (id == null ? "" : " WHERE id = :id")
                + " ORDER BY id");
    if (id != null) {
      q.bind("id", id);
    }
    return q.map(
            (rs, ctx) ->
                new Competitor(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getString("kind"),
                    rs.getString("features"),
                    rs.getString("pricing"),
                    rs.getString("strengths"),
                    rs.getString("weaknesses"),
                    List.copyOf(faqs.getOrDefault(rs.getLong("id"), List.of()))))
        .list();
  }

  /** Inserts {@code c} (id and FAQ ignored) and returns it. */
  public Competitor create(Competitor c) {
    Competitor v = checked(c);
    long id =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO competitor (name, kind, features, pricing, strengths,"
                            + " weaknesses, created_at) VALUES (:name, :kind, :features, :pricing,"
                            + " :strengths, :weaknesses, :at)")
                    .bind("name", v.name())
                    .bind("kind", v.kind())
                    .bind("features", v.features())
                    .bind("pricing", v.pricing())
                    .bind("strengths", v.strengths())
                    .bind("weaknesses", v.weaknesses())
                    .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return get(id);
  }

  public Competitor update(long id, Competitor c) {
    get(id);
    Competitor v = checked(c);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE competitor SET name = :name, kind = :kind, features = :features,"
                        + " pricing = :pricing, strengths = :strengths, weaknesses = :weaknesses"
                        + " WHERE id = :id")
                .bind("name", v.name())
                .bind("kind", v.kind())
                .bind("features", v.features())
                .bind("pricing", v.pricing())
                .bind("strengths", v.strengths())
                .bind("weaknesses", v.weaknesses())
                .bind("id", id)
                .execute());
    return get(id);
  }

  public void delete(long id) {
    int n =
        jdbi.withHandle(
            h -> h.createUpdate("DELETE FROM competitor WHERE id = :id").bind("id", id).execute());
    if (n == 0) {
      throw new NotFoundException("id", "no competitor " + id);
    }
  }

  public Competitor addFaq(long id, String question, String answer) {
    get(id);
    String q = ChannelRepository.required("question", question, 1000);
    String a = ChannelRepository.required("answer", answer, 4000);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO competitor_faq (competitor_id, question, answer) VALUES (:c, :q, :a)")
                .bind("c", id)
                .bind("q", q)
                .bind("a", a)
                .execute());
    return get(id);
  }

  public Competitor deleteFaq(long id, long faqId) {
    int n =
        jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM competitor_faq WHERE id = :f AND competitor_id = :c")
                    .bind("f", faqId)
                    .bind("c", id)
                    .execute());
    if (n == 0) {
      throw new NotFoundException("faqId", "no FAQ entry " + faqId + " on competitor " + id);
    }
    return get(id);
  }

  private static Competitor checked(Competitor c) {
    String kind = c.kind() == null ? "other" : c.kind().trim().toLowerCase(java.util.Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new InvalidValueException("kind", "kind must be manual, desktop, app or other");
    }
    return new Competitor(
        0,
        ChannelRepository.required("name", c.name(), 200),
        kind,
        ChannelRepository.optional("features", c.features(), 4000),
        ChannelRepository.optional("pricing", c.pricing(), 2000),
        ChannelRepository.optional("strengths", c.strengths(), 2000),
        ChannelRepository.optional("weaknesses", c.weaknesses(), 2000),
        List.of());
  }
}
