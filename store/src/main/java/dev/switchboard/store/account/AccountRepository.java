package dev.switchboard.store.account;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores the extensions of tenants, their options and their HA1 credentials. */
public final class AccountRepository implements CredentialDirectory {

  static final String INSERT =
      "INSERT INTO account (tenant_id, user_part, display_name, ha1_md5, ha1_sha256, enabled,"
          + " voicemail, forward_unconditional, forward_busy, forward_no_answer, no_answer_seconds,"
          + " forward_unregistered, do_not_disturb, follow_me, created_at) VALUES (:tenant, :user,"
          + " :displayName, :md5, :sha256, :enabled, :voicemail, :fwdAlways, :fwdBusy,"
          + " :fwdNoAnswer, :noAnswerSeconds, :fwdUnregistered, :dnd, :followMe, :created)";

  private static final String COLUMNS =
      "a.user_part, a.display_name, a.enabled, a.voicemail, a.forward_unconditional,"
          + " a.forward_busy, a.forward_no_answer, a.no_answer_seconds, a.forward_unregistered,"
          + " a.do_not_disturb, a.follow_me, a.created_at";

  private final Jdbi jdbi;

  public AccountRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Adds {@code account} to the tenant of {@code domain} with HA1s computed from {@code password}.
   */
  public Account create(String domain, Account account, String password) {
    DigestHa1.validatePassword(password);
    return jdbi.inTransaction(
        h -> {
          long tenant = tenantId(h, domain);
          String realm = TenantRepository.lower(domain);
          try {
            bindAccount(
                    h.createUpdate(INSERT),
                    tenant,
                    account,
                    DigestHa1.of(account.user(), realm, password))
                .execute();
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              throw new DuplicateException(
                  "user", "account " + account.user() + "@" + realm + " exists");
            }
            throw e;
          }
          DirectoryChangeLog.record(h, realm, account.user());
          return find(h, tenant, account.user()).orElseThrow();
        });
  }

  /** The accounts of the tenant of {@code domain}, ordered by user part. */
  public List<Account> list(String domain) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM account a WHERE a.tenant_id = :t ORDER BY a.user_part")
                .bind("t", tenantId(h, domain))
                .map(AccountRepository::map)
                .list());
  }

  /** One account, or {@link NotFoundException} for an unknown tenant or user. */
  public Account get(String domain, String user) {
    return jdbi.withHandle(
        h -> find(h, tenantId(h, domain), user).orElseThrow(() -> notFound(domain, user)));
  }

  /**
   * Writes display name, enabled flag and options of an existing account, and its HA1s when {@code
   * newPassword} is present, in one transaction.
   */
  public Account update(String domain, Account account, Optional<String> newPassword) {
    newPassword.ifPresent(DigestHa1::validatePassword);
    return jdbi.inTransaction(
        h -> {
          long tenant = tenantId(h, domain);
          int rows =
              h.createUpdate(
                      "UPDATE account SET display_name = :displayName, enabled = :enabled,"
                          + " voicemail = :voicemail, forward_unconditional = :fwdAlways,"
                          + " forward_busy = :fwdBusy, forward_no_answer = :fwdNoAnswer,"
                          + " no_answer_seconds = :noAnswerSeconds,"
                          + " forward_unregistered = :fwdUnregistered, do_not_disturb = :dnd,"
                          + " follow_me = :followMe"
                          + " WHERE tenant_id = :tenant AND user_part = :user")
                  .bind("tenant", tenant)
                  .bind("user", account.user())
                  .bind("displayName", account.displayName())
                  .bind("enabled", account.enabled())
                  .bind("voicemail", account.options().voicemail())
                  .bind("fwdAlways", account.options().forwardUnconditional())
                  .bind("fwdBusy", account.options().forwardBusy())
                  .bind("fwdNoAnswer", account.options().forwardNoAnswer())
                  .bind("noAnswerSeconds", account.options().noAnswerSeconds())
                  .bind("fwdUnregistered", account.options().forwardUnregistered())
                  .bind("dnd", account.options().doNotDisturb())
                  .bind("followMe", account.options().followMeText())
                  .execute();
          if (rows == 0) {
            throw notFound(domain, account.user());
          }
          if (newPassword.isPresent()) {
            DigestHa1 ha1 =
                DigestHa1.of(account.user(), TenantRepository.lower(domain), newPassword.get());
            h.createUpdate(
                    "UPDATE account SET ha1_md5 = :md5, ha1_sha256 = :sha256"
                        + " WHERE tenant_id = :tenant AND user_part = :user")
                .bind("md5", ha1.md5())
                .bind("sha256", ha1.sha256())
                .bind("tenant", tenant)
                .bind("user", account.user())
                .execute();
          }
          DirectoryChangeLog.record(h, domain, account.user());
          return find(h, tenant, account.user()).orElseThrow();
        });
  }

  public void delete(String domain, String user) {
    int rows =
        jdbi.inTransaction(
            h -> {
              int n =
                  h.createUpdate("DELETE FROM account WHERE tenant_id = :t AND user_part = :u")
                      .bind("t", tenantId(h, domain))
                      .bind("u", user)
                      .execute();
              if (n > 0) {
                DirectoryChangeLog.record(h, domain, user);
              }
              return n;
            });
    if (rows == 0) {
      throw notFound(domain, user);
    }
  }

  @Override
  public Optional<SipCredential> lookup(String domain, String user) {
    if (domain == null || user == null) {
      return Optional.empty();
    }
    String d = TenantRepository.lower(domain);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT a.ha1_md5, a.ha1_sha256, a.enabled, t.status FROM account a"
                        + " JOIN tenant t ON t.id = a.tenant_id"
                        + " WHERE t.sip_domain = :d AND a.user_part = :u")
                .bind("d", d)
                .bind("u", user)
                .map(
                    (rs, ctx) ->
                        new SipCredential(
                            d,
                            user,
                            rs.getString("ha1_md5").trim(),
                            rs.getString("ha1_sha256").trim(),
                            rs.getBoolean("enabled"),
                            TenantStatus.parse(rs.getString("status"))))
                .findOne());
  }

  static <S extends SqlStatement<S>> S bindAccount(
      S update, long tenant, Account account, DigestHa1 ha1) {
    AccountOptions o = account.options();
    return update
        .bind("tenant", tenant)
        .bind("user", account.user())
        .bind("displayName", account.displayName())
        .bind("md5", ha1.md5())
        .bind("sha256", ha1.sha256())
        .bind("enabled", account.enabled())
        .bind("voicemail", o.voicemail())
        .bind("fwdAlways", o.forwardUnconditional())
        .bind("fwdBusy", o.forwardBusy())
        .bind("fwdNoAnswer", o.forwardNoAnswer())
        .bind("noAnswerSeconds", o.noAnswerSeconds())
        .bind("fwdUnregistered", o.forwardUnregistered())
        .bind("dnd", o.doNotDisturb())
        .bind("followMe", o.followMeText())
        .bind("created", OffsetDateTime.ofInstant(account.createdAt(), ZoneOffset.UTC));
  }

  static long tenantId(Handle h, String domain) {
    return TenantRepository.idOf(h, domain).orElseThrow(() -> TenantRepository.notFound(domain));
  }

  private static Optional<Account> find(Handle h, long tenant, String user) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM account a WHERE a.tenant_id = :t AND a.user_part = :u")
        .bind("t", tenant)
        .bind("u", user)
        .map(AccountRepository::map)
        .findOne();
  }

  private static Account map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Account(
        rs.getString("user_part"),
        rs.getString("display_name"),
        rs.getBoolean("enabled"),
        options(rs),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  /** The call handling columns of an account row (see {@link #COLUMNS}). */
  public static AccountOptions options(ResultSet rs) throws SQLException {
    return new AccountOptions(
        rs.getBoolean("voicemail"),
        rs.getString("forward_unconditional"),
        rs.getString("forward_busy"),
        rs.getString("forward_no_answer"),
        rs.getInt("no_answer_seconds"),
        rs.getString("forward_unregistered"),
        rs.getBoolean("do_not_disturb"),
        AccountOptions.parseFollowMe(rs.getString("follow_me")));
  }

  private static NotFoundException notFound(String domain, String user) {
    return new NotFoundException(
        "user", "no account " + user + " at " + TenantRepository.lower(domain));
  }
}
