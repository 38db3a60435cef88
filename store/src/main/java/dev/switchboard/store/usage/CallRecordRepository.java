package dev.switchboard.store.usage;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Appends call detail records and lists a tenant's call log newest first, a page at a time. */
public final class CallRecordRepository {

  private static final String INSERT =
      "INSERT INTO call_record (sip_domain, call_id, from_uri, to_uri, direction, setup_time,"
          + " answer_time, end_time, duration_seconds, status, ended_by, duration_millis, routing,"
          + " answered_by, referred_by) VALUES (:domain, :callId, :fromUri, :toUri, :direction,"
          + " :setup, :answer, :end, :duration, :status, :endedBy, :millis, :routing, :answeredBy,"
          + " :referredBy)";

  private static final String COLUMNS =
      "id, sip_domain, call_id, from_uri, to_uri, direction, setup_time, answer_time, end_time,"
          + " duration_seconds, status, ended_by, duration_millis, routing, answered_by,"
          + " referred_by";

  private final Jdbi jdbi;

  public CallRecordRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts {@code records} in their order as one JDBC batch in its own transaction. */
  public void insertAll(List<CallRecord> records) {
    if (!records.isEmpty()) {
      jdbi.useTransaction(h -> insertAll(h, records));
    }
  }

  /** Inserts {@code records} in their order as one JDBC batch on {@code h}. */
  public void insertAll(Handle h, List<CallRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (CallRecord r : records) {
      batch
          .bind("domain", TenantRepository.lower(r.domain()))
          .bind("callId", r.callId())
          .bind("fromUri", r.fromUri())
          .bind("toUri", r.toUri())
          .bind("direction", r.direction())
          .bind("setup", utc(r.setupTime()))
          .bind("answer", utc(r.answerTime()))
          .bind("end", utc(r.endTime()))
          .bind("duration", r.durationSeconds())
          .bind("status", r.status())
          .bind("endedBy", r.endedBy())
          .bind("millis", r.durationMillis())
          .bind("routing", r.routing())
          .bind("answeredBy", r.answeredBy())
          .bind("referredBy", r.referredBy())
          .add();
    }
    batch.execute();
  }

  /**
   * Up to {@code limit} calls of {@code domain} matching {@code filter}, newest setup first (ties
   * broken by id), starting after {@code cursor} (null: from the newest).
   */
  public Page<CallRecord> list(String domain, CallFilter filter, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor);
    Instant afterTime = after == null ? null : cursorTime(after);
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM call_record WHERE sip_domain = :domain");
    if (filter.from() != null) {
      sql.append(" AND setup_time >= :from");
    }
    if (filter.to() != null) {
      sql.append(" AND setup_time < :to");
    }
    if (filter.status() != null) {
      sql.append(" AND status = :status");
    }
    if (filter.extension() != null) {
      // URIs are stored bare (sip:user@host), so the user part is what sits between the scheme
      // and '@'; tel: URIs carry the number alone.
      sql.append(
          " AND (from_uri LIKE :sip ESCAPE '!' OR from_uri LIKE :sips ESCAPE '!' OR from_uri = :tel"
              + " OR to_uri LIKE :sip ESCAPE '!' OR to_uri LIKE :sips ESCAPE '!' OR to_uri = :tel)");
    }
    if (after != null) {
      sql.append(" AND (setup_time < :afterTime OR (setup_time = :afterTime AND id < :afterId))");
    }
    sql.append(" ORDER BY setup_time DESC, id DESC LIMIT :limit");
    List<CallRecord> rows =
        jdbi.withHandle(
            h -> {
              Query q =
                  h.createQuery(sql.toString())
                      .bind("domain", TenantRepository.lower(domain))
                      .bind("limit", limit + 1);
              if (filter.from() != null) {
                q.bind("from", utc(filter.from()));
              }
              if (filter.to() != null) {
                q.bind("to", utc(filter.to()));
              }
              if (filter.status() != null) {
                q.bind("status", filter.status());
              }
              if (filter.extension() != null) {
                String user = likeEscape(filter.extension());
                q.bind("sip", "sip:" + user + "@%")
                    .bind("sips", "sips:" + user + "@%")
                    .bind("tel", "tel:" + filter.extension());
              }
              if (after != null) {
                q.bind("afterTime", utc(afterTime)).bind("afterId", after.id());
              }
              return q.map(CallRecordRepository::map).list();
            });
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<CallRecord> page = new ArrayList<>(rows.subList(0, limit));
    CallRecord last = page.get(page.size() - 1);
    return new Page<>(page, new PageCursor(micros(last.setupTime()), last.id()).encode());
  }

  /** Every call of {@code domain} in insertion order, for tests and exports. */
  public List<CallRecord> listInInsertionOrder(String domain) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM call_record WHERE sip_domain = :d ORDER BY id")
                .bind("d", TenantRepository.lower(domain))
                .map(CallRecordRepository::map)
                .list());
  }

  private static String micros(Instant t) {
    return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t));
  }

  private static Instant cursorTime(PageCursor c) {
    try {
      return Instant.EPOCH.plus(Long.parseLong(c.key()), ChronoUnit.MICROS);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("cursor", "cursor is not one this server handed out");
    }
  }

  static String likeEscape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static CallRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new CallRecord(
        rs.getLong("id"),
        rs.getString("sip_domain"),
        rs.getString("call_id"),
        rs.getString("from_uri"),
        rs.getString("to_uri"),
        rs.getString("direction"),
        instant(rs, "setup_time"),
        instant(rs, "answer_time"),
        instant(rs, "end_time"),
        rs.getLong("duration_seconds"),
        rs.getInt("status"),
        rs.getString("ended_by"),
        rs.getLong("duration_millis"),
        rs.getString("routing"),
        rs.getString("answered_by"),
        rs.getString("referred_by"));
  }
}
