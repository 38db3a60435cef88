package dev.switchboard.store.pbx;

import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.NotFoundException;
import dev.switchboard.store.SqlErrors;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.tenant.TenantRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A tenant's PBX configuration: dial plan settings, feature codes and ring groups. Every write
 * appends a {@link #CHANGE_MARK} row to the directory change log in its transaction, so the SIP
 * side reloads the tenant's routing within a poll.
 */
public final class PbxRepository {

  /**
   * The user part of a directory change that means "this tenant's PBX configuration changed"; it
   * cannot be an extension ('#' is not allowed in user parts).
   */
  public static final String CHANGE_MARK = "#pbx";

  private final Jdbi jdbi;

  public PbxRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The settings of {@code domain}, the defaults when none were stored. */
  public PbxSettings settings(String domain) {
    return jdbi.withHandle(h -> settings(h, tenantId(h, domain)));
  }

  /** Replaces the settings (feature codes included) of {@code domain}. */
  public PbxSettings saveSettings(String domain, PbxSettings s) {
    return jdbi.inTransaction(
        h -> {
          long t = tenantId(h, domain);
          h.createUpdate("DELETE FROM pbx_settings WHERE tenant_id = :t").bind("t", t).execute();
          h.createUpdate(
                  "INSERT INTO pbx_settings (tenant_id, country_code, national_prefix,"
                      + " international_prefix, outbound_route, emergency_numbers,"
                      + " emergency_route, voicemail_uri, presence_domains, prompt_language)"
                      + " VALUES (:t, :cc, :np, :ip, :out, :em, :emr, :vm, :pd, :pl)")
              .bind("t", t)
              .bind("cc", s.countryCode())
              .bind("np", s.nationalPrefix())
              .bind("ip", s.internationalPrefix())
              .bind("out", s.outboundRoute())
              .bind("em", String.join(",", s.emergencyNumbers()))
              .bind("emr", s.emergencyRoute())
              .bind("vm", s.voicemailUri())
              .bind("pd", String.join(",", s.presenceDomains()))
              .bind("pl", s.promptLanguage())
              .execute();
          h.createUpdate("DELETE FROM pbx_feature_code WHERE tenant_id = :t")
              .bind("t", t)
              .execute();
          var batch =
              h.prepareBatch(
                  "INSERT INTO pbx_feature_code (tenant_id, feature, code) VALUES (:t, :f, :c)");
          for (Feature f : Feature.values()) {
            if (!s.code(f).equals(f.defaultCode())) {
              batch.bind("t", t).bind("f", f.key()).bind("c", s.code(f)).add();
            }
          }
          if (batch.size() > 0) {
            batch.execute();
          }
          DirectoryChangeLog.record(h, domain, CHANGE_MARK);
          return settings(h, t);
        });
  }

  /** The groups of {@code domain}, by number. */
  public List<RingGroup> groups(String domain) {
    return jdbi.withHandle(h -> groups(h, tenantId(h, domain)));
  }

  public RingGroup group(String domain, String number) {
    return groups(domain).stream()
        .filter(g -> g.number().equals(number))
        .findFirst()
        .orElseThrow(() -> notFound(domain, number));
  }

  /** Adds a group; the number must not be an extension or another group. */
  public RingGroup createGroup(String domain, RingGroup g) {
    return jdbi.inTransaction(
        h -> {
          long t = tenantId(h, domain);
          refuseExtensionNumber(h, t, g.number());
          try {
            insertGroup(h, t, g);
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              throw new DuplicateException("number", "group " + g.number() + " exists");
            }
            throw e;
          }
          DirectoryChangeLog.record(h, domain, CHANGE_MARK);
          return g;
        });
  }

  /** Replaces group {@code number} (which may be renumbered to {@code g.number()}). */
  public RingGroup updateGroup(String domain, String number, RingGroup g) {
    return jdbi.inTransaction(
        h -> {
          long t = tenantId(h, domain);
          if (deleteGroup(h, t, number) == 0) {
            throw notFound(domain, number);
          }
          if (!number.equals(g.number())) {
            refuseExtensionNumber(h, t, g.number());
          }
          try {
            insertGroup(h, t, g);
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              throw new DuplicateException("number", "group " + g.number() + " exists");
            }
            throw e;
          }
          DirectoryChangeLog.record(h, domain, CHANGE_MARK);
          return g;
        });
  }

  public void deleteGroup(String domain, String number) {
    jdbi.useTransaction(
        h -> {
          if (deleteGroup(h, tenantId(h, domain), number) == 0) {
            throw notFound(domain, number);
          }
          DirectoryChangeLog.record(h, domain, CHANGE_MARK);
        });
  }

  /** Every tenant's PBX configuration, for the SIP side's start. */
  public List<TenantPbx> loadAll() {
    return jdbi.withHandle(
        h -> {
          List<TenantPbx> all = new ArrayList<>();
          for (Map<String, Object> row :
              h.createQuery("SELECT id, sip_domain FROM tenant ORDER BY id").mapToMap().list()) {
            long id = ((Number) row.get("id")).longValue();
            all.add(load(h, id, (String) row.get("sip_domain")));
          }
          return all;
        });
  }

  /** One tenant's configuration, or empty when the tenant is gone. */
  public Optional<TenantPbx> load(String domain) {
    return jdbi.withHandle(
        h ->
            TenantRepository.idOf(h, domain)
                .map(id -> load(h, id, TenantRepository.lower(domain))));
  }

  /** The call handling of one extension, or empty when there is no such account. */
  public Optional<AccountOptions> options(String domain, String user) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT a.* FROM account a JOIN tenant t ON t.id = a.tenant_id"
                        + " WHERE t.sip_domain = :d AND a.user_part = :u")
                .bind("d", TenantRepository.lower(domain))
                .bind("u", user)
                .map((rs, ctx) -> AccountRepository.options(rs))
                .findOne());
  }

  private TenantPbx load(Handle h, long tenant, String domain) {
    Map<String, AccountOptions> options = new HashMap<>();
    h.createQuery("SELECT a.* FROM account a WHERE a.tenant_id = :t")
        .bind("t", tenant)
        .map((rs, ctx) -> Map.entry(rs.getString("user_part"), AccountRepository.options(rs)))
        .forEach(e -> options.put(e.getKey(), e.getValue()));
    return new TenantPbx(domain, settings(h, tenant), groups(h, tenant), options);
  }

  private static PbxSettings settings(Handle h, long tenant) {
    Map<Feature, String> codes = new EnumMap<>(Feature.class);
    h.createQuery("SELECT feature, code FROM pbx_feature_code WHERE tenant_id = :t")
        .bind("t", tenant)
        .map((rs, ctx) -> Map.entry(rs.getString("feature"), rs.getString("code")))
        .forEach(e -> codes.put(Feature.ofKey(e.getKey()), e.getValue()));
    return h.createQuery("SELECT * FROM pbx_settings WHERE tenant_id = :t")
        .bind("t", tenant)
        .map(
            (rs, ctx) ->
                new PbxSettings(
                    rs.getString("country_code"),
                    rs.getString("national_prefix"),
                    rs.getString("international_prefix"),
                    rs.getString("outbound_route"),
                    list(rs.getString("emergency_numbers")),
                    rs.getString("emergency_route"),
                    rs.getString("voicemail_uri"),
                    list(rs.getString("presence_domains")),
                    codes,
                    rs.getString("prompt_language")))
        .findOne()
        .orElseGet(() -> PbxSettings.DEFAULTS.withFeatureCodes(codes));
  }

  private static List<String> list(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static List<RingGroup> groups(Handle h, long tenant) {
    Map<Long, List<String>> members = new HashMap<>();
    h.createQuery(
            "SELECT m.group_id, m.user_part FROM pbx_group_member m JOIN pbx_group g"
                + " ON g.id = m.group_id WHERE g.tenant_id = :t ORDER BY m.group_id, m.seq")
        .bind("t", tenant)
        .map((rs, ctx) -> Map.entry(rs.getLong("group_id"), rs.getString("user_part")))
        .forEach(
            e -> members.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Map<Long, RingGroup> groups = new LinkedHashMap<>();
    h.createQuery("SELECT * FROM pbx_group WHERE tenant_id = :t ORDER BY group_number")
        .bind("t", tenant)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong("id"),
                    new RingGroup(
                        rs.getString("group_number"),
                        rs.getString("name"),
                        RingStrategy.parse(rs.getString("strategy")),
                        members.getOrDefault(rs.getLong("id"), List.of()),
                        rs.getInt("member_ring_seconds"),
                        rs.getInt("total_ring_seconds"),
                        rs.getString("final_destination"),
                        new GroupQueue(
                            rs.getBoolean("queue_enabled"),
                            rs.getInt("queue_max_wait_seconds"),
                            rs.getInt("queue_max_callers")))))
        .forEach(e -> groups.put(e.getKey(), e.getValue()));
    return List.copyOf(groups.values());
  }

  private static void insertGroup(Handle h, long tenant, RingGroup g) {
    long id =
        h.createUpdate(
                "INSERT INTO pbx_group (tenant_id, group_number, name, strategy,"
                    + " member_ring_seconds, total_ring_seconds, final_destination, queue_enabled,"
                    + " queue_max_wait_seconds, queue_max_callers) VALUES (:t, :n, :name, :s, :m,"
                    + " :total, :fd, :qe, :qw, :qc)")
            .bind("t", tenant)
            .bind("n", g.number())
            .bind("name", g.name())
            .bind("s", g.strategy().key())
            .bind("m", g.memberRingSeconds())
            .bind("total", g.totalRingSeconds())
            .bind("fd", g.finalDestination())
            .bind("qe", g.queue().enabled())
            .bind("qw", g.queue().maxWaitSeconds())
            .bind("qc", g.queue().maxCallers())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    var batch =
        h.prepareBatch(
            "INSERT INTO pbx_group_member (group_id, seq, user_part) VALUES (:g, :s, :u)");
    for (int i = 0; i < g.members().size(); i++) {
      batch.bind("g", id).bind("s", i).bind("u", g.members().get(i)).add();
    }
    batch.execute();
  }

  private static int deleteGroup(Handle h, long tenant, String number) {
    return h.createUpdate("DELETE FROM pbx_group WHERE tenant_id = :t AND group_number = :n")
        .bind("t", tenant)
        .bind("n", number)
        .execute();
  }

  private static void refuseExtensionNumber(Handle h, long tenant, String number) {
    boolean taken =
        h.createQuery("SELECT COUNT(*) FROM account WHERE tenant_id = :t AND user_part = :u")
                .bind("t", tenant)
                .bind("u", number)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (taken) {
      throw new DuplicateException("number", number + " is an extension");
    }
  }

  private static long tenantId(Handle h, String domain) {
    return TenantRepository.idOf(h, domain).orElseThrow(() -> TenantRepository.notFound(domain));
  }

  private static NotFoundException notFound(String domain, String number) {
    return new NotFoundException(
        "number", "no group " + number + " at " + TenantRepository.lower(domain));
  }
}
