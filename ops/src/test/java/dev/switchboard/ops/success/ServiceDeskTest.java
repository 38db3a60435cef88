package dev.switchboard.ops.success;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ops.customer.UsageRollupTest;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.tenant.TenantStatus;
import dev.switchboard.store.testing.OpenDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases with SLA and history, help-center search, tiers and the feedback inbox on both databases.
 */
class ServiceDeskTest {

  static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private static void tenants(OpenDatabase d) {
    TenantRepository t = new TenantRepository(d.db.jdbi());
    t.create(new Tenant("shop.test", "Shop", TenantStatus.ACTIVE, "retail", null, NOW));
    t.create(new Tenant("mart.test", "Mart", TenantStatus.ACTIVE, "retail", null, NOW));
    t.create(new Tenant("clinic.test", "Clinic", TenantStatus.ACTIVE, "clinic", null, NOW));
    d.db
        .jdbi()
        .useHandle(
            h -> {
              profile(
                  h,
                  UsageRollupTest.id(d, "shop.test"),
                  "Shop Co",
                  "gold",
                  LocalDate.of(2024, 1, 10));
              profile(
                  h, UsageRollupTest.id(d, "mart.test"), "Mart Co", null, LocalDate.of(2026, 9, 1));
            });
  }

  private static void profile(Handle h, long id, String company, String tier, LocalDate since) {
    h.execute(
        "INSERT INTO customer_profile (tenant_id, company, owner_email, tier, acquired_on,"
            + " updated_at) VALUES (?, ?, 'wang.wei@switchboard.test', ?, ?, CURRENT_TIMESTAMP)",
        id,
        company,
        tier,
        since);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void casesKeepTheirSlaAndHistory(String kind) {
    try (OpenDatabase d = OpenDatabase.of(kind, dir)) {
      tenants(d);
      CaseRepository cases = new CaseRepository(d.db, CLOCK);
      // Mart has no tier: a normal case answers within 8 h and resolves within 3 days.
      ServiceCase c =
          cases.open(
              new NewCase(
                  "mart.test",
                  CaseKind.AFTER_SALES_QUESTION,
                  "Voicemail PIN",
                  null,
                  "Ms Li",
                  "li@mart.test",
                  null,
                  null));
      assertThat(c.priority()).isEqualTo(CasePriority.NORMAL);
      assertThat(c.ownerEmail()).isEqualTo("wang.wei@switchboard.test");
      assertThat(Duration.between(c.openedAt(), c.responseDue())).isEqualTo(Duration.ofHours(8));
      assertThat(Duration.between(c.openedAt(), c.resolveDue())).isEqualTo(Duration.ofDays(3));
      // Shop is gold: its cases are at least high priority.
      ServiceCase gold =
          cases.open(
              new NewCase(
                  "shop.test",
                  CaseKind.COMPLAINT,
                  "Calls drop",
                  null,
                  null,
                  null,
                  CasePriority.LOW,
                  "zhao.lei@switchboard.test"));
      assertThat(gold.priority()).isEqualTo(CasePriority.HIGH);
      assertThat(gold.ownerEmail()).isEqualTo("zhao.lei@switchboard.test");

      cases.transition(
          c.id(), CaseStatus.IN_PROGRESS, "called back", "wang.wei", NOW.plus(Duration.ofHours(2)));
      ServiceCase late =
          cases.transition(
              c.id(), CaseStatus.RESOLVED, "PIN reset", "wang.wei", NOW.plus(Duration.ofDays(4)));
      assertThat(late.breached()).isTrue();
      assertThat(late.respondedAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
      assertThat(cases.history(c.id()))
          .extracting(CaseEvent::to)
          .containsExactly("open", "in_progress", "resolved");
      assertThatThrownBy(() -> cases.transition(c.id(), CaseStatus.WAITING, null, null))
          .isInstanceOf(InvalidValueException.class);

      // Gold's case is not answered: 4 h later plus a minute it is marked as breached.
      assertThat(cases.markBreaches(NOW.plus(Duration.ofMinutes(4 * 60 - 1)))).isZero();
      assertThat(cases.markBreaches(NOW.plus(Duration.ofMinutes(4 * 60 + 1)))).isEqualTo(1);
      assertThat(cases.get(gold.id()).breached()).isTrue();
      assertThat(cases.list(CaseStatus.OPEN, null, null, 10))
          .extracting(ServiceCase::id)
          .containsExactly(gold.id());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void helpCenterFindsChineseAndEnglishArticles(String kind) {
    try (OpenDatabase d = OpenDatabase.of(kind, dir)) {
      HelpCenter help = new HelpCenter(d.db, CLOCK);
      help.createCategory("calls", "Calls", "通话", 1);
      help.createCategory("billing", "Billing", "账单", 2);
      HelpArticle forward =
          help.create("calls", "faq", "如何设置呼叫转移", "在分机设置里填写转移号码，无人接听时转到手机。", true);
      HelpArticle voicemail =
          help.create(
              "calls",
              "faq",
              "Setting up voicemail",
              "Turn voicemail on for an extension; callers leave a message after 20 seconds.",
              true);
      HelpArticle invoice = help.create("billing", "faq", "发票什么时候开", "每月一日开具上月发票。", true);
      HelpArticle draft = help.create("calls", "faq", "呼叫转移到外线 (draft)", "还没写完", false);
      HelpArticle answer =
          help.create(
              "calls",
              "answer",
              "Standard answer: voicemail PIN",
              "Reset the voicemail PIN from the extension page.",
              true);

      assertThat(help.search("呼叫转移", null, true, 10))
          .extracting(HelpArticle::id)
          .containsExactly(forward.id());
      assertThat(help.search("呼叫转移", null, false, 10))
          .extracting(HelpArticle::id)
          .containsExactlyInAnyOrder(forward.id(), draft.id());
      assertThat(help.search("转移", null, true, 10))
          .extracting(HelpArticle::id)
          .containsExactly(forward.id());
      assertThat(help.search("VOICEMAIL message", "faq", true, 10))
          .extracting(HelpArticle::id)
          .containsExactly(voicemail.id());
      assertThat(help.search("voicemail", null, true, 10).get(0).id())
          .isIn(voicemail.id(), answer.id());
      assertThat(help.search("发票", null, true, 10))
          .extracting(HelpArticle::id)
          .containsExactly(invoice.id());
      assertThat(help.search("nothing here", null, true, 10)).isEmpty();
      assertThat(help.search("  ", null, true, 10)).isEmpty();

      help.update(
          forward.id(),
          "Call forwarding 呼叫转移",
          "Forward to a mobile phone when nobody answers.",
          true);
      assertThat(help.search("mobile phone", null, true, 10))
          .extracting(HelpArticle::id)
          .containsExactly(forward.id());
      assertThat(help.use(answer.id()).useCount()).isEqualTo(1);
      assertThat(help.list("faq", "calls", true)).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void tiersFollowTheRulesAndKeepHistory(String kind) {
    try (OpenDatabase d = OpenDatabase.of(kind, dir)) {
      tenants(d);
      long shop = UsageRollupTest.id(d, "shop.test");
      long mart = UsageRollupTest.id(d, "mart.test");
      CustomerFactsSource facts =
          new CustomerFactsSource() {
            @Override
            public Map<Long, BigDecimal> annualSpend(Handle h, LocalDate asOf) {
              return Map.of(shop, new BigDecimal("65000"), mart, new BigDecimal("12000"));
            }

            @Override
            public Map<Long, Integer> referrals(Handle h, LocalDate asOf) {
              return Map.of(shop, 3);
            }

            @Override
            public Map<Long, BigDecimal> monthlyRevenue(Handle h) {
              return Map.of();
            }
          };
      FeedbackInbox inbox = new FeedbackInbox(d.db, facts, CLOCK);
      Feedback a =
          inbox.submit("shop.test", "case", "1", "Suggest a wallboard showing queue length", null);
      Feedback b = inbox.submit("shop.test", "survey", "2", "建议增加通话录音的导出功能", null);
      inbox.update(a.id(), null, true);
      inbox.update(b.id(), null, true);
      Tiers tiers = new Tiers(d.db, facts, CLOCK);
      Tiers.Summary s = tiers.run();
      // shop: 65000 spent, 34 months, 3 referrals, 2 valuable suggestions -> vip;
      // mart: 12000 spent but only 2 months -> standard (silver needs 6)
      assertThat(s.perTier()).containsEntry("vip", 1).containsEntry("standard", 1);
      List<TierChange> history = tiers.history("shop.test");
      assertThat(history).hasSize(1);
      assertThat(history.get(0).from()).isEqualTo("gold");
      assertThat(history.get(0).to()).isEqualTo("vip");
      assertThat(history.get(0).rule())
          .startsWith("vip: spend 65000.00 >= 20000.00, tenure 34 >= 24");
      assertThat(tiers.run().changed()).isZero();

      // Lower VIP's bar on feedback is an edit of the rule; raising gold's spend moves nobody new.
      TierRule vip =
          tiers.rules().stream().filter(r -> r.code().equals("vip")).findFirst().orElseThrow();
      tiers.save(
          new TierRule(
              "vip",
              "VIP",
              4,
              new BigDecimal("70000"),
              24,
              3,
              2,
              vip.service(),
              CasePriority.URGENT));
      tiers.run();
      assertThat(tiers.history("shop.test")).last().extracting(TierChange::to).isEqualTo("gold");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void feedbackIsClassifiedFoldedAndCorrected(String kind) {
    try (OpenDatabase d = OpenDatabase.of(kind, dir)) {
      tenants(d);
      long shop = UsageRollupTest.id(d, "shop.test");
      long mart = UsageRollupTest.id(d, "mart.test");
      CustomerFactsSource facts =
          new CustomerFactsSource() {
            @Override
            public Map<Long, BigDecimal> annualSpend(Handle h, LocalDate asOf) {
              return Map.of();
            }

            @Override
            public Map<Long, Integer> referrals(Handle h, LocalDate asOf) {
              return Map.of();
            }

            @Override
            public Map<Long, BigDecimal> monthlyRevenue(Handle h) {
              return Map.of(shop, new BigDecimal("1200.00"), mart, new BigDecimal("300.50"));
            }
          };
      FeedbackInbox inbox = new FeedbackInbox(d.db, facts, CLOCK);
      Feedback bug =
          inbox.submit(
              "shop.test", "case", "17", "Calls drop after 30 minutes on the softphone", null);
      assertThat(bug.kind()).isEqualTo(FeedbackKind.BUG);
      Feedback again =
          inbox.submit(
              "mart.test", "sales", null, "calls drop after 30 minutes on softphone", null);
      assertThat(again.duplicateOf()).isEqualTo(bug.id());
      Feedback zh = inbox.submit("mart.test", "survey", "9", "需要支持微信小程序拨号", null);
      assertThat(zh.kind()).isEqualTo(FeedbackKind.REQUIREMENT);
      Feedback other =
          inbox.submit(null, "manual", null, "The wallboard colours could be better", null);
      assertThat(other.kind()).isEqualTo(FeedbackKind.SUGGESTION);

      // A user says "wallboard" texts are requirements; the next similar text follows.
      inbox.correct(other.id(), FeedbackKind.REQUIREMENT, "wallboard");
      assertThat(
              inbox
                  .submit("shop.test", "case", "20", "A wallboard for the front desk", null)
                  .kind())
          .isEqualTo(FeedbackKind.REQUIREMENT);

      List<FeedbackInbox.InboxItem> items = inbox.inbox(null, null);
      FeedbackInbox.InboxItem top = items.get(0);
      assertThat(top.first().id()).isEqualTo(bug.id());
      assertThat(top.reports()).isEqualTo(2);
      assertThat(top.customers()).isEqualTo(2);
      assertThat(top.revenueAtStake()).isEqualByComparingTo("1500.50");
      inbox.update(bug.id(), "planned", null);
      assertThat(inbox.get(again.id()).status()).isEqualTo("planned");
      assertThat(inbox.inbox("planned", FeedbackKind.BUG)).hasSize(1);
    }
  }
}
