package dev.switchboard.store.staff;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.tenant.TenantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Stores staff users with bcrypt password hashes and checks passwords at sign-in. */
public final class StaffRepository {

  /** About a quarter of a second per hash on a small server: slow for guessing, fine for people. */
  public static final int DEFAULT_STRENGTH = 12;

  private static final String COLUMNS =
      "id, email, display_name, role, tenant_domain, enabled, created_at";

  private final Jdbi jdbi;
  private final BCryptPasswordEncoder encoder;

  /**
   * A hash of nothing anyone knows, compared against when the e-mail is unknown so that sign-in
   * takes as long for a stranger as for a user (no account enumeration by timing).
   */
  private final String decoyHash;

  public StaffRepository(Jdbi jdbi) {
    this(jdbi, DEFAULT_STRENGTH);
  }

  /** {@code strength} is bcrypt's log2 cost; tests may lower it, production should not. */
  public StaffRepository(Jdbi jdbi, int strength) {
    this.jdbi = jdbi;
    this.encoder = new BCryptPasswordEncoder(strength);
    this.decoyHash = encoder.encode(java.util.UUID.randomUUID().toString());
  }

  /** Inserts {@code user} with {@code password} hashed; 409 on a taken e-mail. */
  public StaffUser create(StaffUser user, String password) {
    PasswordPolicy.check(password);
    String hash = encoder.encode(password);
    try {
      jdbi.useHandle(
          h -> {
            requireTenant(h, user);
            h.createUpdate(
                    "INSERT INTO staff_user (email, display_name, password_hash, role,"
                        + " tenant_domain, enabled, created_at) VALUES (:email, :name, :hash,"
                        + " :role, :tenant, :enabled, :created)")
                .bind("email", user.email())
                .bind("name", user.displayName())
                .bind("hash", hash)
                .bind("role", user.role().wireName())
                .bind("tenant", user.tenantDomain())
                .bind("enabled", user.enabled())
                .bind("created", OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC))
                .execute();
          });
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateException("email", "a user with email " + user.email() + " exists");
      }
      throw e;
    }
    return get(user.email());
  }

  /** All users ordered by e-mail. */
  public List<StaffUser> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM staff_user ORDER BY email")
                .map(StaffRepository::map)
                .list());
  }

  public Optional<StaffUser> find(String email) {
    String e = StaffUser.normaliseEmail(email);
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM staff_user WHERE email = :e")
                .bind("e", e)
                .map(StaffRepository::map)
                .findOne());
  }

  public Optional<StaffUser> findById(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM staff_user WHERE id = :id")
                .bind("id", id)
                .map(StaffRepository::map)
                .findOne());
  }

  public StaffUser get(String email) {
    return find(email).orElseThrow(() -> notFound(email));
  }

  /** Writes name, role, tenant and enabled; and the password when one is given. */
  public StaffUser update(StaffUser user, Optional<String> password) {
    password.ifPresent(PasswordPolicy::check);
    Optional<String> hash = password.map(encoder::encode);
    int rows =
        jdbi.inTransaction(
            h -> {
              requireTenant(h, user);
              int n =
                  h.createUpdate(
                          "UPDATE staff_user SET display_name = :name, role = :role,"
                              + " tenant_domain = :tenant, enabled = :enabled WHERE email = :email")
                      .bind("email", user.email())
                      .bind("name", user.displayName())
                      .bind("role", user.role().wireName())
                      .bind("tenant", user.tenantDomain())
                      .bind("enabled", user.enabled())
                      .execute();
              if (n > 0 && hash.isPresent()) {
                h.createUpdate("UPDATE staff_user SET password_hash = :hash WHERE email = :email")
                    .bind("email", user.email())
                    .bind("hash", hash.get())
                    .execute();
              }
              return n;
            });
    if (rows == 0) {
      throw notFound(user.email());
    }
    return get(user.email());
  }

  public void delete(String email) {
    String e = StaffUser.normaliseEmail(email);
    int rows =
        jdbi.withHandle(
            h -> h.createUpdate("DELETE FROM staff_user WHERE email = :e").bind("e", e).execute());
    if (rows == 0) {
      throw notFound(e);
    }
  }

  /**
   * The enabled user with this e-mail and password, or empty; takes the same bcrypt time whether or
   * not the e-mail exists.
   */
  public Optional<StaffUser> authenticate(String email, String password) {
    if (email == null || password == null) {
      encoder.matches("", decoyHash);
      return Optional.empty();
    }
    String e;
    try {
      e = StaffUser.normaliseEmail(email);
    } catch (RuntimeException badEmail) {
      encoder.matches(password, decoyHash);
      return Optional.empty();
    }
    Optional<String> hash =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT password_hash FROM staff_user WHERE email = :e")
                    .bind("e", e)
                    .mapTo(String.class)
                    .findOne());
    boolean ok = encoder.matches(password, hash.orElse(decoyHash)) && hash.isPresent();
    return ok ? find(e).filter(StaffUser::enabled) : Optional.empty();
  }

  /** True when at least one user exists (the first admin has been made). */
  public boolean any() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM staff_user").mapTo(Long.class).one() > 0);
  }

  private static void requireTenant(Handle h, StaffUser user) {
    if (user.tenantDomain() != null && TenantRepository.idOf(h, user.tenantDomain()).isEmpty()) {
      throw TenantRepository.notFound(user.tenantDomain());
    }
  }

  private static StaffUser map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StaffUser(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("display_name"),
        Role.parse(rs.getString("role")),
        rs.getString("tenant_domain"),
        rs.getBoolean("enabled"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static NotFoundException notFound(String email) {
    return new NotFoundException("email", "no user with email " + email);
  }
}
