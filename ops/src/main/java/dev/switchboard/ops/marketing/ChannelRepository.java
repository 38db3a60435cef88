package dev.switchboard.ops.marketing;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores channels: the seed's twelve (from the migration) and any users add. */
public final class ChannelRepository {

  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

  private final Jdbi jdbi;
  private final Clock clock;

  public ChannelRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public List<Channel> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT code, name, kind, utm_aliases, builtin FROM channel"
                        + " ORDER BY builtin DESC, code")
                .map(ChannelRepository::map)
                .list());
  }

  public Optional<Channel> find(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT code, name, kind, utm_aliases, builtin FROM channel WHERE code = :c")
                .bind("c", code.trim().toLowerCase(Locale.ROOT))
                .map(ChannelRepository::map)
                .findOne());
  }

  public Channel get(String code) {
    return find(code)
        .orElseThrow(() -> new NotFoundException("channel", "no channel with code " + code));
  }

  /** Adds a channel; 409 when the code is taken. */
  public Channel create(String code, String name, ChannelKind kind, List<String> utmAliases) {
    String c = code(code);
    String n = required("name", name, 200);
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO channel (code, name, kind, utm_aliases, builtin, created_at)"
                          + " VALUES (:code, :name, :kind, :aliases, FALSE, :at)")
                  .bind("code", c)
                  .bind("name", n)
                  .bind("kind", kind.wireName())
                  .bind("aliases", aliases(utmAliases))
                  .bind("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                  .execute());
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException("code", "a channel with code " + c + " exists");
      }
      throw e;
    }
    return get(c);
  }

  /** Renames a channel or changes its UTM aliases (nulls leave a field as it is). */
  public Channel update(String code, String name, List<String> utmAliases) {
    Channel old = get(code);
    String n = name == null ? old.name() : required("name", name, 200);
    List<String> a = utmAliases == null ? old.utmAliases() : utmAliases;
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE channel SET name = :n, utm_aliases = :a WHERE code = :c")
                .bind("n", n)
                .bind("a", aliases(a))
                .bind("c", old.code())
                .execute());
    return get(old.code());
  }

  static String code(String code) {
    if (code == null || !CODE.matcher(code.trim().toLowerCase(Locale.ROOT)).matches()) {
      throw new InvalidValueException(
          "code", "code must be 1-64 lower-case letters, digits, '_' or '-'");
    }
    return code.trim().toLowerCase(Locale.ROOT);
  }

  static String required(String field, String v, int max) {
    if (v == null || v.isBlank()) {
      throw new InvalidValueException(field, field + " is required");
    }
    return optional(field, v, max);
  }

  static String optional(String field, String v, int max) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String s = v.strip();
    if (s.length() > max) {
      throw new InvalidValueException(field, field + " is longer than " + max + " characters");
    }
    return s;
  }

  private static String aliases(List<String> aliases) {
    if (aliases == null || aliases.isEmpty()) {
      return null;
    }
    String joined =
        String.join(
            ",",
            aliases.stream()
                .map(a -> a.trim().toLowerCase(Locale.ROOT))
                .filter(a -> !a.isEmpty())
                .toList());
    return optional("utmAliases", joined, 500);
  }

  private static Channel map(ResultSet rs, StatementContext ctx) throws SQLException {
    String aliases = rs.getString("utm_aliases");
    return new Channel(
        rs.getString("code"),
        rs.getString("name"),
        ChannelKind.parse(rs.getString("kind")),
        aliases == null ? List.of() : Arrays.asList(aliases.split(",")),
        rs.getBoolean("builtin"));
  }
}
