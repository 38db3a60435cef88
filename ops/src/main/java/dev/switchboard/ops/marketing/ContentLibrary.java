package dev.switchboard.ops.marketing;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores buyer personas and the content library (toolkit materials and case studies). */
public final class ContentLibrary {

  static final Set<String> KINDS = Set.of("material", "case_study");
  static final Set<String> STAGES = Set.of("lead", "valid", "trial", "opportunity", "won");

  private final Jdbi jdbi;
  private final Clock clock;

  public ContentLibrary(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public List<Persona> personas() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT code, name, decision_chain, concerns, triggers, found_at FROM persona"
                        + " ORDER BY code")
                .map(
                    (rs, ctx) ->
                        new Persona(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)))
                .list());
  }

  public Persona persona(String code) {
    return personas().stream()
        .filter(p -> p.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("code", "no persona " + code));
  }

  /** Creates or, with {@code replace}, rewrites a persona. */
  public Persona savePersona(Persona p, boolean replace) {
    String code = ChannelRepository.code(p.code());
    String name = ChannelRepository.required("name", p.name(), 200);
    String chain = ChannelRepository.optional("decisionChain", p.decisionChain(), 2000);
    String concerns = ChannelRepository.optional("concerns", p.concerns(), 2000);
    String triggers = ChannelRepository.optional("triggers", p.triggers(), 2000);
    String found = ChannelRepository.optional("foundAt", p.foundAt(), 2000);
    if (replace) {
      persona(code);
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "UPDATE persona SET name = :n, decision_chain = :d, concerns = :c,"
                          + " triggers = :t, found_at = :f WHERE code = :code")
                  .bind("n", name)
                  .bind("d", chain)
                  .bind("c", concerns)
                  .bind("t", triggers)
                  .bind("f", found)
                  .bind("code", code)
                  .execute());
    } else {
      try {
        jdbi.useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO persona (code, name, decision_chain, concerns, triggers,"
                            + " found_at, created_at) VALUES (:code, :n, :d, :c, :t, :f, :at)")
                    .bind("n", name)
                    .bind("d", chain)
                    .bind("c", concerns)
                    .bind("t", triggers)
                    .bind("f", found)
                    .bind("code", code)
                    .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                    .execute());
      } catch (UnableToExecuteStatementException e) {
        if (SqlErrors.isUniqueViolation(e)) {
          throw new DuplicateException("code", "a persona with code " + code + " exists");
        }
        throw e;
      }
    }
    return persona(code);
  }

  public void deletePersona(String code) {
    int n =
        jdbi.withHandle(
            h -> h.createUpdate("DELETE FROM persona WHERE code = :c").bind("c", code).execute());
    if (n == 0) {
      throw new NotFoundException("code", "no persona " + code);
    }
  }

  /**
   * Items of {@code kind}, {@code stage} and {@code persona} (nulls do not filter), newest first.
   */
  public List<ContentItem> items(String kind, String stage, String persona) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, kind, title, body, url, funnel_stage, persona_code, customer_domain"
                + " FROM content_item WHERE 1 = 1");
    if (kind != null) {
      sql.append(" AND kind = :kind");
    }
    if (stage != null) {
      sql.append(" AND funnel_stage = :stage");
    }
    if (persona != null) {
      sql.append(" AND persona_code = :persona");
    }
    sql.append(" ORDER BY id DESC");
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql.toString());
          if (kind != null) {
            q.bind("kind", kind);
          }
          if (stage != null) {
            q.bind("stage", stage);
          }
          if (persona != null) {
            q.bind("persona", persona);
          }
          return q.map(
                  (rs, ctx) ->
                      new ContentItem(
                          rs.getLong(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6),
                          rs.getString(7),
                          rs.getString(8)))
              .list();
        });
  }

  public ContentItem item(long id) {
    return items(null, null, null).stream()
        .filter(i -> i.id() == id)
        .findFirst()
        .orElseThrow(() -> new NotFoundException("id", "no content item " + id));
  }

  /** Inserts {@code c}, or with {@code id} > 0 rewrites that item. */
  public ContentItem saveItem(long id, ContentItem c) {
    String kind = c.kind() == null ? null : c.kind().trim().toLowerCase(java.util.Locale.ROOT);
    if (kind == null || !KINDS.contains(kind)) {
      throw new InvalidValueException("kind", "kind must be material or case_study");
    }
    String stage =
        c.funnelStage() == null ? null : c.funnelStage().trim().toLowerCase(java.util.Locale.ROOT);
    if (stage != null && !STAGES.contains(stage)) {
      throw new InvalidValueException(
          "funnelStage", "funnelStage must be lead, valid, trial, opportunity or won");
    }
    if (c.persona() != null) {
      persona(c.persona());
    }
    String title = ChannelRepository.required("title", c.title(), 300);
    String body = ChannelRepository.optional("body", c.body(), 8000);
    String url = ChannelRepository.optional("url", c.url(), 1000);
    if (url != null && !url.matches("https?://\\S+")) {
      throw new InvalidValueException("url", "url must start with http:// or https://");
    }
    String domain = ChannelRepository.optional("customerDomain", c.customerDomain(), 253);
    if (id > 0) {
      item(id);
    }
    long saved =
        jdbi.withHandle(
            h -> {
              var u =
                  h.createUpdate(
                          id > 0
                              ? "UPDATE content_item SET kind = :kind, title = :title, body = :body,"
                                  + " url = :url, funnel_stage = :stage, persona_code = :persona,"
                                  + " customer_domain = :domain WHERE id = :id"
                              : "INSERT INTO content_item (kind, title, body, url, funnel_stage,"
                                  + " persona_code, customer_domain, created_at) VALUES (:kind,"
                                  + " :title, :body, :url, :stage, :persona, :domain, :at)")
                      .bind("kind", kind)
                      .bind("title", title)
                      .bind("body", body)
                      .bind("url", url)
                      .bind("stage", stage)
                      .bind("persona", c.persona())
                      .bind("domain", domain);
              if (id > 0) {
                u.bind("id", id).execute();
                return id;
              }
              return u.bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
            });
    return item(saved);
  }

  public void deleteItem(long id) {
    int n =
        jdbi.withHandle(
            h -> h.createUpdate("DELETE FROM content_item WHERE id = :i").bind("i", id).execute());
    if (n == 0) {
      throw new NotFoundException("id", "no content item " + id);
    }
  }
}
