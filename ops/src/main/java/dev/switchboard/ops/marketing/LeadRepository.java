package dev.switchboard.ops.marketing;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stores leads, their status history and notes: create (checked and normalised, graded by the
 * intent rules), list, update, move through the funnel with a date, find and merge duplicates.
 *
 * <p>Sales builds on {@link #advance}: moving a lead to {@code opportunity}, {@code won} or {@code
 * lost} on a date is what the funnel counts.
 */
public final class LeadRepository {

  /** Calendar days of the funnel are days in this zone. */
  static final String COLUMNS =
      "l.id, l.name, l.phone, l.email, l.company, l.industry, l.region, l.seats, l.channel_code,"
          + " l.campaign_code, l.referral_code, l.intent, l.intent_manual, l.owner_email, l.status,"
          + " l.created_on, l.valid_on, l.trial_on, l.opportunity_on, l.won_on, l.lost_on,"
          + " l.lost_reason, t.sip_domain AS tenant_domain, l.merged_into, l.created_at,"
          + " l.updated_at";

  static final String FROM = " FROM lead l LEFT JOIN tenant t ON t.id = l.tenant_id";

  private final Jdbi jdbi;
  private final Clock clock;

  public LeadRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Today in the business time zone. */
  public LocalDate today() {
    return BusinessCalendar.BUSINESS.today(clock);
  }

  /** A lead ready to insert: checked, normalised and graded. */
  record Checked(
      String name,
      String phone,
      String email,
      String company,
      String industry,
      String region,
      Integer seats,
      String channel,
      String campaign,
      String referralCode,
      char intent,
      boolean intentManual,
      String owner,
      LocalDate createdOn) {}

  /** Checks and normalises {@code d} for a new lead, or throws a 400 naming the bad field. */
  Checked check(Handle h, LeadDraft d, Map<String, ChannelKind> kinds, List<IntentRule> rules) {
    String name = ChannelRepository.required("name", d.name(), 200);
    String phone = LeadContact.phone(d.phone());
    String email = LeadContact.email(d.email());
    if (phone == null && email == null) {
      throw new InvalidValueException("phone", "a phone number or an email address is required");
    }
    String company = ChannelRepository.optional("company", d.company(), 200);
    if (d.seats() != null && (d.seats() < 0 || d.seats() > 100_000)) {
      throw new InvalidValueException("seats", "seats must be 0 to 100000");
    }
    String campaign = ChannelRepository.optional("campaign", d.campaign(), 64);
    String channel = d.channel() == null ? null : d.channel().trim().toLowerCase(Locale.ROOT);
    if (campaign != null) {
      Campaign c =
          CampaignRepository.find(h, campaign)
              .orElseThrow(
                  () ->
                      new InvalidValueException(
                          "campaign", "no campaign with code " + d.campaign()));
      if (channel != null && !channel.equals(c.channel())) {
        throw new InvalidValueException(
            "campaign",
            "campaign " + c.code() + " runs on channel " + c.channel() + ", not " + channel);
      }
      channel = c.channel();
    }
    if (channel == null) {
      throw new InvalidValueException("channel", "channel is required");
    }
    if (!kinds.containsKey(channel)) {
      throw new InvalidValueException("channel", "no channel with code " + channel);
    }
    Character intent = d.intent();
    if (intent != null && "ABCD".indexOf(intent) < 0) {
      throw new InvalidValueException("intent", "intent must be A, B, C or D");
    }
    String industry = ChannelRepository.optional("industry", d.industry(), 100);
    char grade =
        intent != null
            ? intent
            : IntentRules.grade(rules, channel, kinds.get(channel), industry, d.seats(), company);
    LocalDate createdOn = d.createdOn() == null ? today() : d.createdOn();
    return new Checked(
        name,
        phone,
        email,
        company,
        industry,
        ChannelRepository.optional("region", d.region(), 100),
        d.seats(),
        channel,
        campaign,
        ChannelRepository.optional("referralCode", d.referralCode(), 253),
        grade,
        intent != null,
        d.ownerEmail() == null ? null : CampaignRepository.owner(d.ownerEmail()),
        createdOn);
  }

  static Map<String, ChannelKind> kinds(Handle h) {
    Map<String, ChannelKind> kinds = new HashMap<>();
    h.createQuery("SELECT code, kind FROM channel")
        .map((rs, ctx) -> Map.entry(rs.getString(1), ChannelKind.parse(rs.getString(2))))
        .forEach(e -> kinds.put(e.getKey(), e.getValue()));
    return kinds;
  }

  /** Creates a lead from {@code d}, with a {@code created} event by {@code actor}. */
  public Lead create(LeadDraft d, String actor) {
    long id =
        jdbi.inTransaction(
            h -> {
              Checked c = check(h, d, kinds(h), IntentRules.list(h));
              long newId = insert(h, c, now());
              event(h, newId, "created", c.createdOn(), actor, null);
              return newId;
            });
    return get(id);
  }

  /**
   * Checks every draft, then inserts them all in one transaction (all or nothing) in batches, each
   * with a {@code created} event; {@code progress} hears how many are written so far. A bad draft
   * fails the whole call with its index in the field name ({@code [3].phone}).
   */
  public int createAll(
      List<LeadDraft> drafts, String actor, java.util.function.IntConsumer progress) {
    return jdbi.inTransaction(
        h -> {
          Map<String, ChannelKind> kinds = kinds(h);
          List<IntentRule> rules = IntentRules.list(h);
          List<Checked> checked = new ArrayList<>(drafts.size());
          for (int i = 0; i < drafts.size(); i++) {
            try {
              checked.add(check(h, drafts.get(i), kinds, rules));
            } catch (InvalidValueException e) {
              throw new InvalidValueException("[" + i + "]." + e.field(), e.getMessage());
            }
          }
          insertAll(h, checked, actor, progress);
          return checked.size();
        });
  }

  /**
   * Checks every draft without writing any: the problem of each bad one by its index (imports
   * report every bad line before writing nothing).
   */
  public Map<Integer, InvalidValueException> problems(List<LeadDraft> drafts) {
    return jdbi.withHandle(
        h -> {
          Map<String, ChannelKind> kinds = kinds(h);
          List<IntentRule> rules = IntentRules.list(h);
          Map<Integer, InvalidValueException> out = new java.util.TreeMap<>();
          for (int i = 0; i < drafts.size(); i++) {
            try {
              check(h, drafts.get(i), kinds, rules);
            } catch (InvalidValueException e) {
              out.put(i, e);
            }
          }
          return out;
        });
  }

  /** Checks one draft without writing it (for imports that report every bad line first). */
  public void validate(LeadDraft d) {
    jdbi.useHandle(h -> check(h, d, kinds(h), IntentRules.list(h)));
  }

  private static final int BATCH = 1000;

  static List<Long> insertAll(
      Handle h, List<Checked> rows, String actor, java.util.function.IntConsumer progress) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Long> ids = new ArrayList<>(rows.size());
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<Checked> part = rows.subList(from, Math.min(rows.size(), from + BATCH));
      PreparedBatch b = h.prepareBatch(INSERT_NO_ID);
      for (Checked c : part) {
        bindLead(b, c, now).add();
      }
      List<Long> partIds = b.executePreparedBatch("id").mapTo(Long.class).list();
      PreparedBatch e =
          h.prepareBatch(
              "INSERT INTO lead_event (lead_id, kind, occurred_on, recorded_at, actor)"
                  + " VALUES (:lead, 'created', :on, :at, :actor)");
      for (int i = 0; i < part.size(); i++) {
        e.bind("lead", partIds.get(i))
            .bind("on", part.get(i).createdOn())
            .bind("at", now)
            .bind("actor", actor)
            .add();
      }
      e.execute();
      ids.addAll(partIds);
      progress.accept(from + part.size());
    }
    return ids;
  }

  /**
   * After rows were inserted with explicit ids (bulk loads are several times faster on H2 without
   * generated keys), moves the identity on so the next ordinary insert gets {@code next}.
   */
  public static void restartIdentity(Handle h, long next) {
    String product;
    try {
      product = h.getConnection().getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (product.toLowerCase(Locale.ROOT).contains("postgres")) {
      h.createQuery("SELECT setval(pg_get_serial_sequence('lead', 'id'), :v, false)")
          .bind("v", next)
          .mapTo(Long.class)
          .one();
    } else {
      h.execute("ALTER TABLE lead ALTER COLUMN id RESTART WITH " + next);
    }
  }

  private static final String INSERT_NO_ID =
      "INSERT INTO lead (name, phone, email, company, company_key, industry, region, seats,"
          + " channel_code, campaign_code, referral_code, intent, intent_manual, owner_email,"
          + " status, created_on, created_at, updated_at) VALUES (:name, :phone, :email,"
          + " :company, :key, :industry, :region, :seats, :channel, :campaign, :referral,"
          + " :intent, :manual, :owner, 'new', :on, :at, :at)";

  /** Binds a new lead's columns, including the day it came in. */
  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindLead(
      T s, Checked c, OffsetDateTime now) {
    return bindContact(s, c, now).bind("on", c.createdOn());
  }

  /** Binds the columns a lead's edit may change (everything but its id and arrival day). */
  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindContact(
      T s, Checked c, OffsetDateTime now) {
    return s.bind("name", c.name())
        .bind("phone", c.phone())
        .bind("email", c.email())
        .bind("company", c.company())
        .bind("key", LeadContact.companyKey(c.company()))
        .bind("industry", c.industry())
        .bind("region", c.region())
        .bind("seats", c.seats())
        .bind("channel", c.channel())
        .bind("campaign", c.campaign())
        .bind("referral", c.referralCode())
        .bind("intent", String.valueOf(c.intent()))
        .bind("manual", c.intentManual())
        .bind("owner", c.owner())
        .bind("at", now);
  }

  private static long insert(Handle h, Checked c, OffsetDateTime now) {
    return bindLead(h.createUpdate(INSERT_NO_ID), c, now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static void event(Handle h, long lead, String kind, LocalDate on, String actor, String note) {
    h.createUpdate(
            "INSERT INTO lead_event (lead_id, kind, occurred_on, recorded_at, actor, note)"
                + " VALUES (:lead, :kind, :on, :at, :actor, :note)")
        .bind("lead", lead)
        .bind("kind", kind)
        .bind("on", on)
        .bind("at", OffsetDateTime.now(ZoneOffset.UTC))
        .bind("actor", actor)
        .bind("note", note)
        .execute();
  }

  public Optional<Lead> find(long id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  static Optional<Lead> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + FROM + " WHERE l.id = :id")
        .bind("id", id)
        .map(LeadRepository::map)
        .findOne();
  }

  public Lead get(long id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(long id) {
    return new NotFoundException("id", "no lead " + id);
  }

  /** A page of leads matching {@code f}, newest (highest id) first, after {@code after}. */
  public LeadPage list(LeadFilter f, Long after, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> args = new HashMap<>();
    if (!f.includeMerged()) {
      where.append(" AND l.merged_into IS NULL");
    }
    if (f.status() != null) {
      where.append(" AND l.status = :status");
      args.put("status", f.status().wireName());
    }
    if (f.channel() != null) {
      where.append(" AND l.channel_code = :channel");
      args.put("channel", f.channel());
    }
    if (f.campaign() != null) {
      where.append(" AND l.campaign_code = :campaign");
      args.put("campaign", f.campaign());
    }
    if (f.ownerEmail() != null) {
      where.append(" AND l.owner_email = :owner");
      args.put("owner", f.ownerEmail().trim().toLowerCase(Locale.ROOT));
    }
    if (f.intent() != null) {
      where.append(" AND l.intent = :intent");
      args.put("intent", String.valueOf(f.intent()));
    }
    if (f.createdFrom() != null) {
      where.append(" AND l.created_on >= :from");
      args.put("from", f.createdFrom());
    }
    if (f.createdTo() != null) {
      where.append(" AND l.created_on <= :to");
      args.put("to", f.createdTo());
    }
    if (f.text() != null && !f.text().isBlank()) {
      where.append(
          " AND (LOWER(l.name) LIKE :q OR LOWER(l.company) LIKE :q OR l.phone LIKE :q"
              + " OR l.email LIKE :q)");
      args.put("q", "%" + f.text().trim().toLowerCase(Locale.ROOT).replace("%", "") + "%");
    }
    String w = where.toString();
    return jdbi.withHandle(
        h -> {
          Query count = h.createQuery("SELECT COUNT(*) FROM lead l" + w);
          args.forEach(count::bind);
          long total = count.mapTo(Long.class).one();
          Query q =
              h.createQuery(
                  "SELECT "
                      + COLUMNS
                      + FROM
                      + w
                      + (after == null ? "" : " AND l.id < :after")
                      + " ORDER BY l.id DESC LIMIT :limit");
          args.forEach(q::bind);
          if (after != null) {
            q.bind("after", after);
          }
          List<Lead> items = q.bind("limit", limit + 1).map(LeadRepository::map).list();
          Long next = null;
          if (items.size() > limit) {
            items = items.subList(0, limit);
            next = items.get(limit - 1).id();
          }
          return new LeadPage(List.copyOf(items), next, total);
        });
  }

  /**
   * Changes the editable fields given in {@code d} (nulls leave a field as it is), checked as on
   * create; an {@code updated} event records who did it.
   */
  public Lead update(long id, LeadDraft d, String actor) {
    jdbi.useTransaction(
        h -> {
          Lead old = live(h, id);
          Lead merged = old.with(d);
          LeadDraft all =
              new LeadDraft(
                  merged.name(),
                  merged.phone(),
                  merged.email(),
                  merged.company(),
                  merged.industry(),
                  merged.region(),
                  merged.seats(),
                  d.campaign() != null ? null : merged.channel(),
                  merged.campaign(),
                  merged.referralCode(),
                  merged.intentManual() ? merged.intent() : null,
                  merged.ownerEmail(),
                  merged.createdOn());
          Checked c = check(h, all, kinds(h), IntentRules.list(h));
          bindContact(
                  h.createUpdate(
                      "UPDATE lead SET name = :name, phone = :phone, email = :email, company = :company,"
                          + " company_key = :key, industry = :industry, region = :region, seats = :seats,"
                          + " channel_code = :channel, campaign_code = :campaign, referral_code = :referral,"
                          + " intent = :intent, intent_manual = :manual, owner_email = :owner,"
                          + " updated_at = :at WHERE id = :id"),
                  c,
                  now())
              .bind("id", id)
              .execute();
          event(h, id, "updated", today(), actor, null);
        });
    return get(id);
  }

  static Lead live(Handle h, long id) {
    Lead l = find(h, id).orElseThrow(() -> notFound(id));
    if (l.mergedInto() != null) {
      throw new InvalidValueException(
          "id", "lead " + id + " was merged into lead " + l.mergedInto());
    }
    return l;
  }

  /** {@link #advance(long, LeadStatus, LocalDate, String, String, String)} without a reason. */
  public Lead advance(long id, LeadStatus to, LocalDate on, String actor, String note) {
    return advance(id, to, on, actor, note, null);
  }

  /** Moves a lead along the funnel on a business day; see {@link LeadStages#advance}. */
  public Lead advance(
      long id, LeadStatus to, LocalDate on, String actor, String note, String lostReason) {
    return new LeadStages(jdbi, this).advance(id, to, on, actor, note, lostReason);
  }

  /** Links a won lead to its customer tenant (by SIP domain). */
  public Lead linkTenant(long id, String domain) {
    jdbi.useHandle(
        h -> {
          live(h, id);
          long tenant =
              TenantRepository.idOf(h, domain).orElseThrow(() -> TenantRepository.notFound(domain));
          h.createUpdate("UPDATE lead SET tenant_id = :t, updated_at = :at WHERE id = :id")
              .bind("t", tenant)
              .bind("at", now())
              .bind("id", id)
              .execute();
        });
    return get(id);
  }

  /** Gives every live lead in {@code ids} the owner {@code ownerEmail}; returns how many. */
  public int assignOwner(List<Long> ids, String ownerEmail, String actor) {
    String owner = CampaignRepository.owner(ownerEmail);
    return jdbi.inTransaction(
        h -> {
          int n = 0;
          for (long id : ids) {
            Lead l = live(h, id);
            if (owner.equals(l.ownerEmail())) {
              continue;
            }
            h.createUpdate("UPDATE lead SET owner_email = :o, updated_at = :at WHERE id = :id")
                .bind("o", owner)
                .bind("at", now())
                .bind("id", id)
                .execute();
            event(h, id, "updated", today(), actor, "owner " + owner);
            n++;
          }
          return n;
        });
  }

  /**
   * Marks every lead in {@code ids} invalid; returns how many changed. A won or merged lead among
   * them refuses the whole call before anything changes.
   */
  public int markInvalid(List<Long> ids, String actor) {
    // Check every lead first, so a won or merged one refuses the whole call, not half of it.
    for (long id : ids) {
      Lead l = get(id);
      if (l.mergedInto() != null || l.status() == LeadStatus.WON) {
        throw new InvalidValueException(
            "ids",
            "lead " + id + (l.status() == LeadStatus.WON ? " is won and closed" : " was merged"));
      }
    }
    int n = 0;
    for (long id : ids) {
      if (get(id).status() != LeadStatus.INVALID) {
        advance(id, LeadStatus.INVALID, null, actor, null);
        n++;
      }
    }
    return n;
  }

  /** The lead's history, oldest first (including events of leads merged into it). */
  public List<LeadEvent> events(long id) {
    get(id);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, lead_id, kind, occurred_on, recorded_at, actor, note"
                        + " FROM lead_event WHERE lead_id = :id ORDER BY occurred_on, id")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new LeadEvent(
                            rs.getLong("id"),
                            rs.getLong("lead_id"),
                            rs.getString("kind"),
                            rs.getObject("occurred_on", LocalDate.class),
                            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"),
                            rs.getString("note")))
                .list());
  }

  public LeadNote addNote(long id, String body, String author) {
    String b = ChannelRepository.required("body", body, 4000);
    long noteId =
        jdbi.inTransaction(
            h -> {
              live(h, id);
              return h.createUpdate(
                      "INSERT INTO lead_note (lead_id, body, author, created_at)"
                          + " VALUES (:lead, :body, :author, :at)")
                  .bind("lead", id)
                  .bind("body", b)
                  .bind("author", author)
                  .bind("at", now())
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
            });
    return notes(id).stream().filter(x -> x.id() == noteId).findFirst().orElseThrow();
  }

  public List<LeadNote> notes(long id) {
    get(id);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, lead_id, body, author, created_at FROM lead_note"
                        + " WHERE lead_id = :id ORDER BY id")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new LeadNote(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list());
  }

  /** Other live leads that share this lead's phone, e-mail or company. */
  public List<Lead> duplicatesOf(long id) {
    return new LeadMerges(jdbi, this).duplicatesOf(id);
  }

  /** A set of live leads that share one phone, e-mail or company key. */
  public record DuplicateGroup(String field, String value, List<Lead> leads) {}

  /** Up to {@code limit} groups of duplicates, largest first. */
  public List<DuplicateGroup> duplicateGroups(int limit) {
    return new LeadMerges(jdbi, this).groups(limit);
  }

  /** Merges lead {@code mergedId} into {@code survivorId}; see {@link LeadMerges#merge}. */
  public Lead merge(long survivorId, long mergedId, String actor) {
    return new LeadMerges(jdbi, this).merge(survivorId, mergedId, actor);
  }

  static Lead map(ResultSet rs, StatementContext ctx) throws SQLException {
    Object merged = rs.getObject("merged_into");
    return new Lead(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("phone"),
        rs.getString("email"),
        rs.getString("company"),
        rs.getString("industry"),
        rs.getString("region"),
        rs.getObject("seats", Integer.class),
        rs.getString("channel_code"),
        rs.getString("campaign_code"),
        rs.getString("referral_code"),
        rs.getString("intent").charAt(0),
        rs.getBoolean("intent_manual"),
        rs.getString("owner_email"),
        LeadStatus.parse(rs.getString("status")),
        rs.getObject("created_on", LocalDate.class),
        rs.getObject("valid_on", LocalDate.class),
        rs.getObject("trial_on", LocalDate.class),
        rs.getObject("opportunity_on", LocalDate.class),
        rs.getObject("won_on", LocalDate.class),
        rs.getObject("lost_on", LocalDate.class),
        rs.getString("lost_reason"),
        rs.getString("tenant_domain"),
        merged == null ? null : ((Number) merged).longValue(),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
