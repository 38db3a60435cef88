package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each department's SQL names only its own tables and the platform's (store's V1–V3: tenants,
 * accounts, the SIP side's usage). A table's owner is the department whose migration folder creates
 * it; a department's code is its package in {@code ops}, in {@code console} and in {@code demo}
 * (its demo seed).
 *
 * <p>{@link #NOT_YET_BEHIND_AN_API} lists the reads across departments that predate the rule and
 * still wait for the owner's Java API; the test fails on any crossing not listed, and on a listed
 * one that has gone (so the list only shrinks).
 */
class DepartmentTablesTest {

  private static final Path OPS_MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path STORE_MIGRATIONS = Path.of("../store/src/main/resources/db/migration");
  private static final Path OPS_SOURCES = Path.of("src/main/java/dev/switchboard/ops");
  private static final Path CONSOLE_SOURCES =
      Path.of("../console/src/main/java/dev/switchboard/console");
  private static final Path DEMO_SOURCES = Path.of("../demo/src/main/java/dev/switchboard/demo");

  private static final Pattern CREATE =
      Pattern.compile("(?i)CREATE TABLE (?:IF NOT EXISTS )?(\\w+)");
  private static final Pattern LITERALS =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"(?:\\s*\\+\\s*\"((?:[^\"\\\\]|\\\\.)*)\")*");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern TABLE_REF =
      Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|MERGE INTO)\\s+(\\w+)");

  /**
   * file (relative to ops/ or console/) → the other departments' tables its SQL still names. Each
   * line is debt: move the query behind the owner's API and delete the line.
   */
  private static final Map<String, Set<String>> NOT_YET_BEHIND_AN_API =
      new TreeMap<>(
          Map.ofEntries(
              // billing: revenue history names the customer's channel
              crossing("ops/billing/RevenueHistory.java", "customer_profile"),
              // churn: training rows join the customer's profile and usage weeks
              crossing("ops/churn/ChurnHistoryQuery.java", "customer_profile", "tenant_usage_week"),
              crossing("ops/churn/ChurnReasonRepository.java", "customer_profile"),
              crossing("ops/churn/ChurnStore.java", "customer_profile"),
              // marketing: 收益度 sums billing's receipts per acquisition channel
              crossing(
                  "ops/marketing/BillingReceipts.java",
                  "billing_payment",
                  "billing_refund",
                  "customer_profile"),
              // sales: the demo reads marketing's lead ids back
              crossing("demo/sales/SalesDemoSeed.java", "lead"),
              // success: punctuality, the journey and the lists read billing, marketing, sales
              crossing(
                  "ops/success/BillingData.java",
                  "billing_invoice",
                  "billing_payment",
                  "billing_subscription",
                  "billing_subscription_event"),
              crossing("ops/success/CaseRepository.java", "customer_profile"),
              crossing("ops/success/HealthHistory.java", "customer_profile"),
              crossing("ops/success/HealthRun.java", "tenant_usage_week"),
              crossing("ops/success/Journey.java", "customer_profile"),
              crossing(
                  "ops/success/JourneySources.java",
                  "billing_invoice",
                  "billing_payment",
                  "billing_subscription_event",
                  "lead",
                  "opportunity",
                  "sales_rep"),
              crossing("ops/success/Renewals.java", "customer_profile"),
              crossing("ops/success/StoryRepository.java", "customer_profile"),
              crossing(
                  "demo/success/SuccessStoryline.java",
                  "billing_invoice",
                  "billing_payment",
                  "customer_profile"),
              crossing("ops/success/SuccessSources.java", "referral"),
              crossing("ops/success/TaskRepository.java", "customer_profile"),
              crossing("ops/success/TermEndSource.java", "customer_profile"),
              crossing("ops/success/Tiers.java", "customer_profile"),
              crossing("console/success/CustomerOverviewRoutes.java", "customer_profile")));

  @Test
  void everyDepartmentsSqlNamesOnlyItsOwnTablesOrTheListedDebt() throws IOException {
    Map<String, String> owners = owners();
    Map<String, Set<String>> found = new TreeMap<>();
    scan(OPS_SOURCES, "ops", owners, found);
    scan(CONSOLE_SOURCES, "console", owners, found);
    scan(DEMO_SOURCES, "demo", owners, found);
    assertThat(found).isEqualTo(NOT_YET_BEHIND_AN_API);
  }

  @Test
  void theRuleCatchesADepartmentNamingAnothersTable() throws IOException {
    Map<String, String> owners = owners();
    String source =
        "class X { String q = \"SELECT i.total FROM billing_invoice i JOIN lead l\"\n"
            + " + \" ON l.tenant_id = i.tenant_id JOIN tenant t ON t.id = i.tenant_id\"; }";
    assertThat(crossings("marketing", source, owners)).containsExactly("billing_invoice");
    assertThat(crossings("billing", source, owners)).containsExactly("lead");
    assertThat(owners)
        .containsEntry("customer_profile", "customer")
        .containsEntry("billing_invoice", "billing")
        .containsEntry("tenant", "store");
  }

  /** table → owning department (the migration folder), or "store" for the platform's tables. */
  private static Map<String, String> owners() throws IOException {
    Map<String, String> owners = new TreeMap<>();
    try (Stream<Path> files = Files.walk(OPS_MIGRATIONS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        String department = OPS_MIGRATIONS.relativize(f).getName(0).toString();
        Matcher m = CREATE.matcher(Files.readString(f));
        while (m.find()) {
          owners.put(m.group(1).toLowerCase(java.util.Locale.ROOT), department);
        }
      }
    }
    try (Stream<Path> files = Files.list(STORE_MIGRATIONS)) {
      for (Path f : files.toList()) {
        Matcher m = CREATE.matcher(Files.readString(f));
        while (m.find()) {
          owners.put(m.group(1).toLowerCase(java.util.Locale.ROOT), "store");
        }
      }
    }
    assertThat(owners).hasSizeGreaterThan(40);
    return owners;
  }

  private static void scan(
      Path root, String module, Map<String, String> owners, Map<String, Set<String>> found)
      throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() < 2) {
          continue; // module-level classes belong to no department
        }
        String department = rel.getName(0).toString();
        Set<String> foreign = crossings(department, Files.readString(f), owners);
        if (!foreign.isEmpty()) {
          found.put(module + "/" + rel.toString().replace('\\', '/'), foreign);
        }
      }
    }
  }

  /** The tables of other departments that {@code source}'s SQL names. */
  static Set<String> crossings(String department, String source, Map<String, String> owners) {
    Set<String> out = new TreeSet<>();
    Matcher lits = LITERALS.matcher(source);
    while (lits.find()) {
      StringBuilder sql = new StringBuilder();
      Matcher one = LITERAL.matcher(lits.group());
      while (one.find()) {
        sql.append(one.group(1));
        // A table named on its own (a name passed to a query builder) counts as well, when the
        // name cannot be an ordinary word or field ("lead", "channel" can).
        String owner = one.group(1).contains("_") ? owners.get(one.group(1)) : null;
        if (owner != null && !owner.equals(department) && !owner.equals("store")) {
          out.add(one.group(1));
        }
      }
      Matcher ref = TABLE_REF.matcher(sql);
      while (ref.find()) {
        String owner = owners.get(ref.group(1).toLowerCase(java.util.Locale.ROOT));
        if (owner != null && !owner.equals(department) && !owner.equals("store")) {
          out.add(ref.group(1).toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return out;
  }

  private static Map.Entry<String, Set<String>> crossing(String file, String... tables) {
    return Map.entry(file, new TreeSet<>(List.of(tables)));
  }
}
