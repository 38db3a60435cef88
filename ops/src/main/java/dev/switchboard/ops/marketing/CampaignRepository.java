package dev.switchboard.ops.marketing;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores campaigns (推广方案) and their retrospectives. */
public final class CampaignRepository {

  static final String COLUMNS =
      "code, name, channel_code, starts_on, ends_on, content, owner_email, budget, actual_cost,"
          + " lead_goal, won_goal, retro_worked, retro_change, retro_at";

  private final Jdbi jdbi;
  private final Clock clock;
  private final ChannelRepository channels;

  public CampaignRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.channels = new ChannelRepository(jdbi, clock);
  }

  /** All campaigns, or one channel's, newest first. */
  public List<Campaign> list(String channel) {
    return jdbi.withHandle(
        h -> {
          var q =
              h.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM campaign"
                      + (channel == null ? "" : " WHERE channel_code = :ch")
                      + " ORDER BY starts_on DESC, code");
          if (channel != null) {
            q.bind("ch", channel);
          }
          return q.map(CampaignRepository::map).list();
        });
  }

  public Optional<Campaign> find(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> find(h, code.trim()));
  }

  static Optional<Campaign> find(Handle h, String code) {
    return h.createQuery("SELECT " + COLUMNS + " FROM campaign WHERE code = :c")
        .bind("c", code)
        .map(CampaignRepository::map)
        .findOne();
  }

  public Campaign get(String code) {
    return find(code)
        .orElseThrow(() -> new NotFoundException("campaign", "no campaign with code " + code));
  }

  /** Inserts {@code c} after checking it (its retrospective is ignored); 409 on a taken code. */
  public Campaign create(Campaign c) {
    Campaign v = checked(c);
    try {
      jdbi.useHandle(h -> insert(h, v, OffsetDateTime.now(clock)));
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException("code", "a campaign with code " + v.code() + " exists");
      }
      throw e;
    }
    return get(v.code());
  }

  /** Writes a checked campaign inside the caller's transaction (bulk loads). */
  public static void insert(Handle h, Campaign v, OffsetDateTime now) {
    h.createUpdate(
            "INSERT INTO campaign (code, name, channel_code, starts_on, ends_on, content,"
                + " owner_email, budget, actual_cost, lead_goal, won_goal, created_at) VALUES"
                + " (:code, :name, :ch, :from, :to, :content, :owner, :budget, :cost, :lg, :wg,"
                + " :at)")
        .bind("code", v.code())
        .bind("name", v.name())
        .bind("ch", v.channel())
        .bind("from", v.startsOn())
        .bind("to", v.endsOn())
        .bind("content", v.content())
        .bind("owner", v.ownerEmail())
        .bind("budget", v.budget())
        .bind("cost", v.actualCost())
        .bind("lg", v.leadGoal())
        .bind("wg", v.wonGoal())
        .bind("at", now.withOffsetSameInstant(ZoneOffset.UTC))
        .execute();
  }

  /** Replaces everything but the code and the retrospective. */
  public Campaign update(Campaign c) {
    get(c.code());
    Campaign v = checked(c);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE campaign SET name = :name, channel_code = :ch, starts_on = :from,"
                        + " ends_on = :to, content = :content, owner_email = :owner,"
                        + " budget = :budget, actual_cost = :cost, lead_goal = :lg, won_goal = :wg"
                        + " WHERE code = :code")
                .bind("code", v.code())
                .bind("name", v.name())
                .bind("ch", v.channel())
                .bind("from", v.startsOn())
                .bind("to", v.endsOn())
                .bind("content", v.content())
                .bind("owner", v.ownerEmail())
                .bind("budget", v.budget())
                .bind("cost", v.actualCost())
                .bind("lg", v.leadGoal())
                .bind("wg", v.wonGoal())
                .execute());
    return get(v.code());
  }

  /** Writes (or rewrites) the campaign's 复盘. */
  public Campaign retrospective(String code, String worked, String change) {
    get(code);
    String w = ChannelRepository.required("worked", worked, 4000);
    String ch = ChannelRepository.required("change", change, 4000);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE campaign SET retro_worked = :w, retro_change = :c, retro_at = :at"
                        + " WHERE code = :code")
                .bind("w", w)
                .bind("c", ch)
                .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .bind("code", code)
                .execute());
    return get(code);
  }

  /** {@code c} checked and normalised, or a 400 naming the first bad field. */
  Campaign checked(Campaign c) {
    String code = ChannelRepository.code(c.code());
    if (c.channel() == null) {
      throw new InvalidValueException("channel", "channel is required");
    }
    Channel channel =
        channels
            .find(c.channel())
            .orElseThrow(
                () -> new InvalidValueException("channel", "no channel with code " + c.channel()));
    if (c.startsOn() == null) {
      throw new InvalidValueException("startsOn", "startsOn is required");
    }
    if (c.endsOn() == null) {
      throw new InvalidValueException("endsOn", "endsOn is required");
    }
    if (c.endsOn().isBefore(c.startsOn())) {
      throw new InvalidValueException("endsOn", "endsOn is before startsOn");
    }
    return new Campaign(
        code,
        ChannelRepository.required("name", c.name(), 200),
        channel.code(),
        c.startsOn(),
        c.endsOn(),
        ChannelRepository.optional("content", c.content(), 4000),
        c.ownerEmail() == null ? null : owner(c.ownerEmail()),
        money("budget", c.budget()),
        money("actualCost", c.actualCost()),
        nonNegative("leadGoal", c.leadGoal()),
        nonNegative("wonGoal", c.wonGoal()),
        null);
  }

  static String owner(String email) {
    try {
      return LeadContact.email(email);
    } catch (InvalidValueException e) {
      throw new InvalidValueException("ownerEmail", "ownerEmail " + email + " is not an address");
    }
  }

  static BigDecimal money(String field, BigDecimal v) {
    if (v == null) {
      return BigDecimal.ZERO.setScale(2);
    }
    if (v.signum() < 0) {
      throw new InvalidValueException(field, field + " must not be negative");
    }
    if (v.scale() > 2 && v.stripTrailingZeros().scale() > 2) {
      throw new InvalidValueException(field, field + " has more than two decimals");
    }
    BigDecimal s = v.setScale(2, RoundingMode.UNNECESSARY);
    if (s.precision() > 14) {
      throw new InvalidValueException(field, field + " is too large");
    }
    return s;
  }

  private static Integer nonNegative(String field, Integer v) {
    if (v != null && v < 0) {
      throw new InvalidValueException(field, field + " must not be negative");
    }
    return v;
  }

  static Campaign map(ResultSet rs, StatementContext ctx) throws SQLException {
    OffsetDateTime retroAt = rs.getObject("retro_at", OffsetDateTime.class);
    return new Campaign(
        rs.getString("code"),
        rs.getString("name"),
        rs.getString("channel_code"),
        rs.getObject("starts_on", LocalDate.class),
        rs.getObject("ends_on", LocalDate.class),
        rs.getString("content"),
        rs.getString("owner_email"),
        rs.getBigDecimal("budget"),
        rs.getBigDecimal("actual_cost"),
        rs.getObject("lead_goal", Integer.class),
        rs.getObject("won_goal", Integer.class),
        retroAt == null
            ? null
            : new Retrospective(
                rs.getString("retro_worked"), rs.getString("retro_change"), retroAt.toInstant()));
  }
}
