package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The editable purchase-intent rules, and grading a lead by them. */
public final class IntentRules {

  private final Jdbi jdbi;

  public IntentRules(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<IntentRule> list() {
    return jdbi.withHandle(IntentRules::list);
  }

  static List<IntentRule> list(Handle h) {
    return h.createQuery(
            "SELECT id, priority, grade, channel_code, channel_kind, industry, min_seats,"
                + " needs_company FROM intent_rule ORDER BY priority, id")
        .map(IntentRules::map)
        .list();
  }

  /** Replaces every rule with {@code rules} (ids ignored), after checking each. */
  public List<IntentRule> replace(List<IntentRule> rules) {
    ChannelRepository channels = new ChannelRepository(jdbi, java.time.Clock.systemUTC());
    for (int i = 0; i < rules.size(); i++) {
      IntentRule r = rules.get(i);
      String at = "rules[" + i + "].";
      if ("ABCD".indexOf(r.grade()) < 0) {
        throw new InvalidValueException(at + "grade", "grade must be A, B, C or D");
      }
      if (r.channel() != null && channels.find(r.channel()).isEmpty()) {
        throw new InvalidValueException(at + "channel", "no channel with code " + r.channel());
      }
      if (r.minSeats() != null && r.minSeats() < 0) {
        throw new InvalidValueException(at + "minSeats", "minSeats must not be negative");
      }
    }
    jdbi.useTransaction(
        h -> {
          h.execute("DELETE FROM intent_rule");
          for (IntentRule r : rules) {
            h.createUpdate(
                    "INSERT INTO intent_rule (priority, grade, channel_code, channel_kind,"
                        + " industry, min_seats, needs_company) VALUES (:p, :g, :ch, :kind, :ind,"
                        + " :seats, :company)")
                .bind("p", r.priority())
                .bind("g", String.valueOf(r.grade()))
                .bind("ch", r.channel())
                .bind("kind", r.channelKind() == null ? null : r.channelKind().wireName())
                .bind("ind", r.industry())
                .bind("seats", r.minSeats())
                .bind("company", r.needsCompany())
                .execute();
          }
        });
    return list();
  }

  /** The grade of the first matching rule, D when none matches. */
  public static char grade(
      List<IntentRule> rules,
      String channel,
      ChannelKind kind,
      String industry,
      Integer seats,
      String company) {
    for (IntentRule r : rules) {
      if (r.matches(channel, kind, industry, seats, company)) {
        return r.grade();
      }
    }
    return 'D';
  }

  /** Grades again every live lead whose grade was not set by a person; returns how many changed. */
  public int regrade() {
    return jdbi.inTransaction(
        h -> {
          List<IntentRule> rules = list(h);
          var kinds = new java.util.HashMap<String, ChannelKind>();
          for (Channel c : new ChannelRepository(jdbi, java.time.Clock.systemUTC()).list()) {
            kinds.put(c.code(), c.kind());
          }
          record Row(
              long id,
              String channel,
              String industry,
              Integer seats,
              String company,
              String intent) {}
          List<Row> rows =
              h.createQuery(
                      "SELECT id, channel_code, industry, seats, company, intent FROM lead"
                          + " WHERE intent_manual = FALSE AND merged_into IS NULL")
                  .map(
                      (rs, ctx) ->
                          new Row(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getString(3),
                              rs.getObject(4, Integer.class),
                              rs.getString(5),
                              rs.getString(6)))
                  .list();
          var batch = h.prepareBatch("UPDATE lead SET intent = :g WHERE id = :id");
          int changed = 0;
          for (Row r : rows) {
            char g =
                grade(
                    rules,
                    r.channel(),
                    kinds.get(r.channel()),
                    r.industry(),
                    r.seats(),
                    r.company());
            if (r.intent().charAt(0) != g) {
              batch.bind("g", String.valueOf(g)).bind("id", r.id()).add();
              changed++;
            }
          }
          if (changed > 0) {
            batch.execute();
          }
          return changed;
        });
  }

  private static IntentRule map(ResultSet rs, StatementContext ctx) throws SQLException {
    String kind = rs.getString("channel_kind");
    return new IntentRule(
        rs.getLong("id"),
        rs.getInt("priority"),
        rs.getString("grade").charAt(0),
        rs.getString("channel_code"),
        kind == null ? null : ChannelKind.parse(kind),
        rs.getString("industry"),
        rs.getObject("min_seats", Integer.class),
        rs.getBoolean("needs_company"));
  }
}
