package dev.switchboard.demo.success;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoHistory.Customer;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.customer.UsageWeeks;
import dev.switchboard.ops.customer.WeekSignals;
import dev.switchboard.ops.success.CaseKind;
import dev.switchboard.ops.success.Feedback;
import dev.switchboard.ops.success.FeedbackInbox;
import dev.switchboard.ops.success.FeedbackKind;
import dev.switchboard.ops.success.HealthBand;
import dev.switchboard.ops.success.HealthInput;
import dev.switchboard.ops.success.HealthModel;
import dev.switchboard.ops.success.HealthResult;
import dev.switchboard.ops.success.HealthRun;
import dev.switchboard.ops.success.HealthScore;
import dev.switchboard.ops.success.HelpCenter;
import dev.switchboard.ops.success.ReferralAsks;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.StoryRepository;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.ops.success.SuccessSources;
import dev.switchboard.ops.success.TermEnd;
import dev.switchboard.ops.success.Tiers;
import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's customer success: every customer's weekly usage from the story, service cases
 * (complaints more likely as a customer's usage falls), NPS and CSAT answers, feedback to product,
 * weekly health scores over the whole history, renewal and health tasks, tiers, the help center and
 * a few success stories. Runs after the billing seed (it finds tenants by domain and reads
 * billing's invoices and term ends); skips itself when health scores exist.
 */
public final class SuccessDemoSeed implements DemoSeed {

  private static final Logger LOG = LoggerFactory.getLogger(SuccessDemoSeed.class);

  @Override
  public void seed(Database db, DemoHistory history) {
    long started = System.nanoTime();
    boolean done =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM success_health_score")
                            .mapTo(Long.class)
                            .one()
                        > 0);
    if (done) {
      LOG.info("success demo: already seeded");
      return;
    }
    Map<String, Long> ids = new HashMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery("SELECT sip_domain, id FROM tenant")
                    .map((rs, ctx) -> ids.put(rs.getString(1), rs.getLong(2)))
                    .forEach(x -> {}));
    List<Customer> customers =
        history.customers().stream().filter(c -> ids.containsKey(c.domain())).toList();
    if (customers.isEmpty()) {
      LOG.info("success demo: no tenants of the story (run the billing seed first)");
      return;
    }
    Instant now = BusinessCalendar.startOf(history.today()).plus(Duration.ofHours(10));
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Random random = new Random(DemoHistory.DEMO_SEED ^ 0x5ACC355L);
    Story story = new Story(history, ids, random);
    db.jdbi()
        .useTransaction(
            h -> {
              story.usage(h, customers);
              story.cases(h, customers);
              story.surveys(h, customers);
              story.scores(h, customers, new SuccessSettings(db, clock).healthModel());
              story.renewalTasks(h);
            });
    long t1 = System.nanoTime();
    new HelpCenterSeed(db, clock).seed();
    long t2 = System.nanoTime();
    story.feedback(db, clock, customers);
    long t3 = System.nanoTime();
    Tiers tiers = new Tiers(db, SuccessSources.Departments.billing(), clock);
    tiers.run(now.minus(Duration.ofDays(365)));
    tiers.run(now.minus(Duration.ofDays(182)));
    tiers.run(now);
    new Renewals(db, new SuccessSettings(db, clock), SuccessSources.Departments.billing(), clock)
        .remind(history.today());
    new ReferralAsks(db, clock).run(history.today());
    long t4 = System.nanoTime();
    story.stories(db, clock, customers);
    LOG.info(
        "success demo phases ms: tables {} help {} feedback {} tiers+tasks {} stories {}",
        (t1 - started) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000,
        (System.nanoTime() - t4) / 1_000_000);
    LOG.info(
        "success demo: {} customers in {} ms",
        customers.size(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** One pass over the story's customers with one random generator. */
  private static final class Story {
    final DemoHistory history;
    final Map<String, Long> ids;
    final Random random;

    /** Complaint cases per tenant: [opened epoch second, resolved epoch second or MAX]. */
    final Map<Long, List<long[]>> complaints = new HashMap<>();

    /** Survey answers per tenant: [answered epoch second, kind 0 nps / 1 csat, score]. */
    final Map<Long, List<int[]>> surveyAnswers = new HashMap<>();

    final Map<Long, List<Long>> surveyTimes = new HashMap<>();
    final List<long[]> resolvedCases = new ArrayList<>();

    Story(DemoHistory history, Map<String, Long> ids, Random random) {
      this.history = history;
      this.ids = ids;
      this.random = random;
    }

    long id(Customer c) {
      return ids.get(c.domain());
    }

    static double engagement(WeekSignals u) {
      if (u.seats() == 0) {
        return 0;
      }
      double reg = Math.min(1.0, (double) u.registeredSeats() / u.seats());
      return Math.max(0, Math.min(1, 0.5 * reg + 0.5 * u.activeDays() / 6.0));
    }

    void usage(Handle h, List<Customer> customers) {
      for (Customer c : customers) {
        UsageWeeks.insertMissing(h, id(c), c.usage());
      }
    }

    void cases(Handle h, List<Customer> customers) {
      Map<String, int[]> sla = new HashMap<>();
      h.createQuery("SELECT priority, response_minutes, resolve_minutes FROM success_sla")
          .map((rs, ctx) -> sla.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)}))
          .forEach(x -> {});
      Instant now = BusinessCalendar.startOf(history.today()).plus(Duration.ofHours(10));
      record Row(
          long tenant,
          CaseKind kind,
          String subject,
          String contact,
          String priority,
          String owner,
          Instant opened,
          Instant responded,
          Instant resolved,
          boolean breached,
          Instant responseDue,
          Instant resolveDue) {}
      List<Row> rows = new ArrayList<>();
      for (Customer c : customers) {
        long t = id(c);
        for (int i = 0; i < c.usage().size(); i++) {
          WeekSignals u = c.usage().get(i);
          double e = engagement(u);
          List<CaseKind> kinds = new ArrayList<>();
          if (i == 0) {
            kinds.add(CaseKind.ONBOARDING_TRAINING);
          }
          if (random.nextDouble() < 0.004 + 0.09 * (1 - e) * (1 - e)) {
            kinds.add(CaseKind.COMPLAINT);
          }
          if (random.nextDouble() < 0.02) {
            kinds.add(CaseKind.AFTER_SALES_QUESTION);
          }
          if (i % 13 == 6 && random.nextDouble() < 0.5) {
            kinds.add(CaseKind.CALLBACK_VISIT);
          }
          if (random.nextDouble() < 0.003 * u.seats() / 5.0) {
            kinds.add(CaseKind.ON_SITE_VISIT);
          }
          for (CaseKind k : kinds) {
            Instant opened =
                BusinessCalendar.startOf(u.weekStart().plusDays(random.nextInt(5)))
                    .plus(Duration.ofMinutes(9 * 60 + random.nextInt(9 * 60)));
            if (!opened.isBefore(now)) {
              continue;
            }
            String priority = k == CaseKind.COMPLAINT ? "high" : "normal";
            int[] s = sla.get(priority);
            Instant responseDue = opened.plus(Duration.ofMinutes(s[0]));
            Instant resolveDue = opened.plus(Duration.ofMinutes(s[1]));
            // Most cases are answered and solved in time; a few run late.
            Instant responded =
                opened.plus(
                    Duration.ofMinutes(
                        (long)
                            (s[0]
                                * (0.1
                                    + random.nextDouble()
                                        * (random.nextDouble() < 0.08 ? 2.5 : 0.9)))));
            Instant resolved =
                opened.plus(
                    Duration.ofMinutes(
                        (long)
                            (s[1]
                                * (0.15
                                    + random.nextDouble()
                                        * (random.nextDouble() < 0.1 ? 2.0 : 0.8)))));
            if (responded.isAfter(now)) {
              responded = null;
            }
            if (resolved.isAfter(now)) {
              resolved = null;
            }
            boolean breached =
                (responded == null ? now.isAfter(responseDue) : responded.isAfter(responseDue))
                    || (resolved == null ? now.isAfter(resolveDue) : resolved.isAfter(resolveDue));
            rows.add(
                new Row(
                    t,
                    k,
                    subject(k),
                    CompanyContacts.name(random),
                    priority,
                    c.rep(),
                    opened,
                    responded,
                    resolved,
                    breached,
                    responseDue,
                    resolveDue));
            if (k == CaseKind.COMPLAINT) {
              complaints
                  .computeIfAbsent(t, x -> new ArrayList<>())
                  .add(
                      new long[] {
                        opened.getEpochSecond(),
                        resolved == null ? Long.MAX_VALUE : resolved.getEpochSecond()
                      });
            }
          }
        }
      }
      PreparedBatch b =
          h.prepareBatch(
              "INSERT INTO success_case (tenant_id, kind, subject, contact_name, priority,"
                  + " owner_email, status, opened_at, response_due, resolve_due, responded_at,"
                  + " resolved_at, breached) VALUES (:t, :k, :s, :cn, :p, :o, :status, :at, :rd,"
                  + " :sd, :ra, :sa, :b)");
      for (Row r : rows) {
        String status =
            r.resolved() != null
                ? (r.opened().isBefore(now.minus(Duration.ofDays(30))) ? "closed" : "resolved")
                : r.responded() != null ? "in_progress" : "open";
        b.bind("t", r.tenant())
            .bind("k", r.kind().wireName())
            .bind("s", r.subject())
            .bind("cn", r.contact())
            .bind("p", r.priority())
            .bind("o", r.owner())
            .bind("status", status)
            .bind("at", BusinessCalendar.utc(r.opened()))
            .bind("rd", BusinessCalendar.utc(r.responseDue()))
            .bind("sd", BusinessCalendar.utc(r.resolveDue()))
            .bind("ra", r.responded() == null ? null : BusinessCalendar.utc(r.responded()))
            .bind("sa", r.resolved() == null ? null : BusinessCalendar.utc(r.resolved()))
            .bind("b", r.breached())
            .add();
      }
      b.execute();
      List<Long> caseIds =
          new ArrayList<>(
              h.createQuery("SELECT id FROM success_case ORDER BY id DESC LIMIT :n")
                  .bind("n", rows.size())
                  .mapTo(Long.class)
                  .list());
      java.util.Collections.reverse(caseIds);
      PreparedBatch events =
          h.prepareBatch(
              "INSERT INTO success_case_event (case_id, from_status, to_status, note, actor,"
                  + " occurred_at) VALUES (:c, :f, :to, NULL, :a, :at)");
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        long id = caseIds.get(i);
        events
            .bind("c", id)
            .bind("f", (String) null)
            .bind("to", "open")
            .bind("a", r.owner())
            .bind("at", BusinessCalendar.utc(r.opened()))
            .add();
        if (r.responded() != null) {
          events
              .bind("c", id)
              .bind("f", "open")
              .bind("to", "in_progress")
              .bind("a", r.owner())
              .bind("at", BusinessCalendar.utc(r.responded()))
              .add();
        }
        if (r.resolved() != null) {
          events
              .bind("c", id)
              .bind("f", "in_progress")
              .bind("to", "resolved")
              .bind("a", r.owner())
              .bind("at", BusinessCalendar.utc(r.resolved()))
              .add();
          resolvedCases.add(
              new long[] {r.tenant(), id, r.resolved().getEpochSecond(), r.breached() ? 1 : 0});
        }
      }
      events.execute();
    }

    private String subject(CaseKind k) {
      String[] options =
          switch (k) {
            case ONBOARDING_TRAINING ->
                new String[] {"新客户上手培训", "Onboarding: extensions and ring groups"};
            case CALLBACK_VISIT -> new String[] {"季度回访", "Quarterly callback"};
            case AFTER_SALES_QUESTION ->
                new String[] {
                  "如何设置呼叫转移", "Voicemail PIN reset", "发票抬头修改", "Adding a new extension"
                };
            case COMPLAINT ->
                new String[] {
                  "通话经常掉线", "Calls drop after a few minutes", "来电无声音", "Bill higher than expected"
                };
            case ON_SITE_VISIT -> new String[] {"上门调试话机", "On-site desk phone setup"};
          };
      return options[random.nextInt(options.length)];
    }

    void surveys(Handle h, List<Customer> customers) {
      PreparedBatch b =
          h.prepareBatch(
              "INSERT INTO success_survey (tenant_id, contact_email, survey_kind, score, comment,"
                  + " case_id, answered_at) VALUES (:t, :e, :k, :s, :c, :case, :at)");
      for (Customer c : customers) {
        long t = id(c);
        String email = "contact" + c.lead() + "@" + c.domain();
        for (int i = 6; i < c.usage().size(); i += 13) {
          if (random.nextDouble() > 0.65) {
            continue;
          }
          WeekSignals u = c.usage().get(i);
          double e = engagement(u);
          int score =
              (int) Math.round(Math.max(0, Math.min(10, 3 + 7 * e + random.nextGaussian() * 1.3)));
          Instant at =
              BusinessCalendar.startOf(u.weekStart().plusDays(2)).plus(Duration.ofHours(15));
          b.bind("t", t)
              .bind("e", email)
              .bind("k", "nps")
              .bind("s", score)
              .bind("c", (String) null)
              .bind("case", (Long) null)
              .bind("at", BusinessCalendar.utc(at))
              .add();
          surveyAnswers
              .computeIfAbsent(t, x -> new ArrayList<>())
              .add(new int[] {(int) at.getEpochSecond(), 0, score});
        }
      }
      for (long[] r : resolvedCases) {
        if (random.nextDouble() > 0.45) {
          continue;
        }
        int base = r[3] == 1 ? 2 : 4;
        int score =
            Math.max(
                1,
                Math.min(
                    5,
                    base
                        + (random.nextDouble() < 0.5 ? 1 : 0)
                        - (random.nextDouble() < 0.15 ? 1 : 0)));
        Instant at = Instant.ofEpochSecond(r[2]).plus(Duration.ofHours(20));
        if (at.isAfter(BusinessCalendar.startOf(history.today()))) {
          continue;
        }
        b.bind("t", r[0])
            .bind("e", "case" + r[1] + "@survey.example")
            .bind("k", "csat")
            .bind("s", score)
            .bind("c", (String) null)
            .bind("case", r[1])
            .bind("at", BusinessCalendar.utc(at))
            .add();
        surveyAnswers
            .computeIfAbsent(r[0], x -> new ArrayList<>())
            .add(new int[] {(int) at.getEpochSecond(), 1, score});
      }
      b.execute();
    }

    void scores(Handle h, List<Customer> customers, HealthModel model) {
      // Invoices per tenant: [due epoch day, on time 1/0], for the payment signal as of each week.
      Map<Long, List<long[]>> invoices = new HashMap<>();
      h.createQuery(
              "SELECT i.tenant_id, i.due_on, CASE WHEN COALESCE((SELECT SUM(p.amount) FROM"
                  + " billing_payment p WHERE p.invoice_id = i.id AND p.paid_on <= i.due_on), 0) >="
                  + " i.total THEN 1 ELSE 0 END FROM billing_invoice i WHERE i.total > 0")
          .map(
              (rs, ctx) ->
                  invoices
                      .computeIfAbsent(rs.getLong(1), x -> new ArrayList<>())
                      .add(
                          new long[] {rs.getObject(2, LocalDate.class).toEpochDay(), rs.getInt(3)}))
          .forEach(x -> {});
      PreparedBatch b =
          h.prepareBatch(
              "INSERT INTO success_health_score (tenant_id, week_start, score, band, contributions,"
                  + " computed_at) VALUES (:t, :w, :s, :b, :c, :at)");
      PreparedBatch tasks =
          h.prepareBatch(
              "INSERT INTO success_task (tenant_id, kind, title, owner_email, due_on, status,"
                  + " source_ref, created_at) VALUES (:t, 'health', :title, :o, :due, :status, :ref,"
                  + " :at)");
      LocalDate recent = history.today().minusWeeks(12);
      for (Customer c : customers) {
        long t = id(c);
        List<WeekSignals> weeks = new ArrayList<>();
        HealthBand previous = null;
        for (WeekSignals u : c.usage()) {
          weeks.add(
              new WeekSignals(
                  u.weekStart(),
                  u.seats(),
                  u.registeredSeats(),
                  u.activeDays(),
                  u.calls(),
                  u.minutes(),
                  u.consoleLogins(),
                  u.featuresUsed()));
          LocalDate weekEnd = u.weekStart().plusDays(7);
          long end = BusinessCalendar.startOf(weekEnd).getEpochSecond();
          int open = 0;
          for (long[] cp : complaints.getOrDefault(t, List.of())) {
            if (cp[0] < end && cp[1] >= end) {
              open++;
            }
          }
          Integer nps = null;
          Integer csat = null;
          for (int[] s : surveyAnswers.getOrDefault(t, List.of())) {
            if (s[0] < end) {
              if (s[1] == 0) {
                nps = s[2];
              } else {
                csat = s[2];
              }
            }
          }
          int due = 0;
          int onTime = 0;
          for (long[] inv : invoices.getOrDefault(t, List.of())) {
            if (inv[0] < weekEnd.toEpochDay()) {
              due++;
              onTime += (int) inv[1];
            }
          }
          HealthInput input =
              new HealthInput(weeks, due == 0 ? null : (double) onTime / due, open, nps, csat);
          HealthResult r = HealthScore.score(model, input);
          b.bind("t", t)
              .bind("w", u.weekStart())
              .bind("s", r.score())
              .bind("b", r.band().wireName())
              .bind("c", HealthRun.encode(r.points()))
              .bind("at", BusinessCalendar.utc(BusinessCalendar.startOf(weekEnd)))
              .add();
          if (r.band() == HealthBand.RED
              && previous != HealthBand.RED
              && !u.weekStart().isBefore(recent)) {
            boolean old = u.weekStart().isBefore(history.today().minusWeeks(3));
            tasks
                .bind("t", t)
                .bind("title", "Health turned red in the week of " + u.weekStart())
                .bind("o", c.rep())
                .bind("due", u.weekStart().plusDays(9))
                .bind("status", old ? "done" : "open")
                .bind("ref", "red:" + u.weekStart())
                .bind("at", BusinessCalendar.utc(BusinessCalendar.startOf(weekEnd)))
                .add();
          }
          previous = r.band();
        }
      }
      b.execute();
      tasks.execute();
    }

    /**
     * Past term ends get the reminders the defaults would have sent; the owner acted on one of them
     * (or none), chosen at random: the story has no reminder effect, so the lead-time study on the
     * demo should find none either.
     */
    void renewalTasks(Handle h) {
      LocalDate today = history.today();
      List<TermEnd> ends =
          SuccessSources.Departments.billing().termEnds(h, history.start(), today, today);
      PreparedBatch b =
          h.prepareBatch(
              "INSERT INTO success_task (tenant_id, kind, title, owner_email, due_on, status,"
                  + " source_ref, created_at, closed_at) SELECT :t, 'renewal', :title, owner_email,"
                  + " :due, :status, :ref, :at, :closed FROM customer_profile WHERE tenant_id = :t");
      int[] leads = {90, 60, 30, 7};
      for (TermEnd e : ends) {
        if (e.renewed() == null) {
          continue;
        }
        int acted = random.nextInt(leads.length + 1);
        for (int i = 0; i < leads.length; i++) {
          LocalDate on = e.endsOn().minusDays(leads[i]);
          if (on.isBefore(history.start())) {
            continue;
          }
          boolean done = i == acted;
          Instant at = BusinessCalendar.startOf(on).plus(Duration.ofHours(9));
          b.bind("t", e.tenantId())
              .bind(
                  "title", "Renewal: term ends " + e.endsOn() + " (" + leads[i] + "-day reminder)")
              .bind("due", i + 1 < leads.length ? e.endsOn().minusDays(leads[i + 1]) : e.endsOn())
              .bind("status", done ? "done" : "open")
              .bind("ref", "term:" + e.endsOn() + ":" + leads[i])
              .bind("at", BusinessCalendar.utc(at))
              .bind("closed", done ? BusinessCalendar.utc(at.plus(Duration.ofDays(2))) : null)
              .add();
        }
      }
      b.execute();
      // Reminders not acted on by their due day expired.
      h.createUpdate(
              "UPDATE success_task SET status = 'expired', closed_at = created_at WHERE kind ="
                  + " 'renewal' AND status = 'open' AND due_on < :today")
          .bind("today", today)
          .execute();
    }

    void feedback(Database db, Clock clock, List<Customer> customers) {
      FeedbackInbox inbox = new FeedbackInbox(db, SuccessSources.Departments.billing(), clock);
      String[] bugs = {
        "Calls drop after 30 minutes on the softphone",
        "calls drop after about 30 minutes on softphone",
        "通话经常掉线，30分钟左右断开",
        "来电有时没有声音",
        "Voicemail email arrives without the audio file",
        "控制台导出通话记录失败"
      };
      String[] requirements = {
        "需要支持微信小程序拨号",
        "We need call recording kept for 180 days",
        "Need support for a wallboard showing queue length",
        "需要按部门统计通话时长的报表"
      };
      String[] suggestions = {
        "建议增加通话录音导出功能",
        "It would be nice to set holiday hours once for all extensions",
        "Suggest showing missed calls on the console home page",
        "希望话机配置可以批量导入"
      };
      int n = 0;
      for (Customer c : customers) {
        if (c.usage().isEmpty() || random.nextDouble() > 0.45) {
          continue;
        }
        WeekSignals u = c.usage().get(random.nextInt(c.usage().size()));
        double e = engagement(u);
        String[] pool =
            random.nextDouble() < 0.5 - 0.3 * e
                ? bugs
                : random.nextBoolean() ? requirements : suggestions;
        String text = pool[random.nextInt(pool.length)];
        String source = pool == bugs ? "case" : random.nextBoolean() ? "survey" : "sales";
        Instant at =
            BusinessCalendar.startOf(u.weekStart().plusDays(random.nextInt(5)))
                .plus(Duration.ofHours(11));
        Feedback f = inbox.submit(c.domain(), source, null, text, at);
        if (pool == suggestions && e > 0.6 && random.nextDouble() < 0.7) {
          inbox.update(f.id(), null, true);
        }
        if (++n >= 160) {
          break;
        }
      }
      for (FeedbackInbox.InboxItem item : inbox.inbox(null, null)) {
        if (item.customers() >= 5) {
          inbox.update(
              item.first().id(),
              item.first().kind() == FeedbackKind.BUG ? "planned" : "triaged",
              null);
        }
      }
    }

    void stories(Database db, Clock clock, List<Customer> customers) {
      StoryRepository stories = new StoryRepository(db, clock);
      Map<String, Customer> best = new HashMap<>();
      Map<String, Double> bestE = new HashMap<>();
      for (Customer c : customers) {
        if (c.churnedOn() != null || c.usage().size() < 20) {
          continue;
        }
        double e = 0;
        for (WeekSignals u : c.usage().subList(c.usage().size() - 8, c.usage().size())) {
          e += engagement(u);
        }
        if (e > bestE.getOrDefault(c.industry(), -1.0)) {
          bestE.put(c.industry(), e);
          best.put(c.industry(), c);
        }
      }
      Map<String, String[]> text = new StoryTexts().texts();
      int i = 0;
      for (Map.Entry<String, Customer> e : best.entrySet()) {
        String[] tx = text.getOrDefault(e.getKey(), text.get("retail"));
        Customer c = e.getValue();
        stories.create(
            c.domain(),
            c.company() + "：" + tx[0],
            tx[1],
            true,
            i % 2 == 0,
            BusinessCalendar.startOf(history.today().minusDays(20L + 9 * i)));
        if (++i >= 5) {
          break;
        }
      }
    }
  }

  /** Story texts per industry: title, practice. */
  private static final class StoryTexts {
    Map<String, String[]> texts() {
      Map<String, String[]> m = new HashMap<>();
      m.put(
          "retail",
          new String[] {
            "门店来电统一接入，库存查询不再占线",
            "Every shop's number rings a ring group at the counter; after 20 s it forwards to the warehouse, whose staff check stock while the caller waits. Missed calls fell by half in a month."
          });
      m.put(
          "wholesale",
          new String[] {
            "批发订单电话分组接听",
            "Orders, returns and logistics each have an extension group; regular buyers dial the group directly. Peak-season calls per seat doubled without new hires."
          });
      m.put(
          "manufacturing",
          new String[] {
            "车间与办公室一键互通",
            "Desk phones in each workshop register to the same tenant, so the office reaches the line lead in one internal call instead of walkie-talkies."
          });
      m.put(
          "logistics",
          new String[] {
            "司机来电转值班调度",
            "Drivers call one number; night calls forward to the dispatcher on duty by the forwarding rules, with voicemail as the last resort."
          });
      m.put(
          "catering",
          new String[] {
            "订座电话不再漏接",
            "Reservation calls ring the front desk and the manager's mobile together; voicemail catches the rest and is called back before service."
          });
      m.put(
          "clinic",
          new String[] {
            "诊所预约与回访电话管理",
            "Front-desk extensions take bookings; nurses use a second extension for follow-up calls so patients always reach someone."
          });
      m.put(
          "education",
          new String[] {
            "校区咨询电话统一管理",
            "Each campus answers its own extension group; enquiries overflow to the head office, and weekly call counts guide staffing."
          });
      return m;
    }
  }

  /** Contact names for demo cases. */
  private static final class CompanyContacts {
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
    private static final String[] TITLES = {"经理", "主管", "老板", "前台"};

    static String name(Random r) {
      return SURNAMES[r.nextInt(SURNAMES.length)] + TITLES[r.nextInt(TITLES.length)];
    }
  }

  /** Categories, FAQ articles and standard answers in Chinese and English. */
  private static final class HelpCenterSeed {
    private final HelpCenter help;

    HelpCenterSeed(Database db, Clock clock) {
      this.help = new HelpCenter(db, clock);
    }

    void seed() {
      if (!help.categories().isEmpty()) {
        return;
      }
      help.createCategory("getting-started", "Getting started", "快速入门", 1);
      help.createCategory("calls", "Calls and extensions", "通话与分机", 2);
      help.createCategory("billing", "Billing and invoices", "账单与发票", 3);
      help.createCategory("troubleshooting", "Troubleshooting", "故障排查", 4);
      faq("getting-started", "如何添加分机", "在控制台「分机」页点击新建，填写分机号和密码，话机用分机号@您的域名注册即可。");
      faq(
          "getting-started",
          "Registering a desk phone",
          "Enter the extension number, its password and your SIP domain as the registrar in the phone's account settings. The console shows it under Registrations within seconds.");
      faq("calls", "如何设置呼叫转移", "在分机设置里填写无条件转移、遇忙转移或无人接听转移的号码；无人接听等待时间可设为 5 到 300 秒。");
      faq(
          "calls",
          "Setting up voicemail",
          "Turn voicemail on for an extension. Callers who get no answer leave a message after the no-answer time.");
      faq(
          "calls",
          "Call forwarding to a mobile phone",
          "Set 'forward on no answer' to sip:your-mobile@your-domain; calls ring the desk phone first, then the mobile.");
      faq("calls", "如何查看通话记录", "在租户的「通话记录」页可按时间、分机和结果筛选，并导出为 CSV。");
      faq("billing", "发票什么时候开具", "首年费用在签约时开具发票；之后每年续约时开具年度服务费发票，账期 30 天。");
      faq(
          "billing",
          "Adding seats in the middle of a term",
          "New seats are billed pro rata for the rest of the current term and renew with the others.");
      faq("troubleshooting", "通话掉线怎么办", "请确认路由器关闭了 SIP ALG，并把话机的注册间隔设为 300 秒以内；仍有问题请提交工单。");
      faq(
          "troubleshooting",
          "One-way audio or no audio",
          "Usually NAT: disable SIP ALG on the router and allow outgoing UDP for RTP. Open a case with the time of the call if it persists.");
      answer(
          "troubleshooting",
          "标准答复：掉线排查",
          "您好，掉线多由路由器的 SIP ALG 引起。请按帮助中心「通话掉线怎么办」操作，如仍有问题我们安排工程师远程排查。");
      answer(
          "calls",
          "Standard answer: voicemail PIN",
          "Hello, the voicemail PIN can be reset on the extension's page in the console. I have reset it for you; the new PIN is in the message below.");
      answer("billing", "标准答复：发票抬头修改", "您好，发票抬头可在下一张发票前修改；已开具的发票我们会开具红字发票后重开。");
    }

    private void faq(String category, String title, String body) {
      help.create(category, "faq", title, body, true);
    }

    private void answer(String category, String title, String body) {
      help.create(category, "answer", title, body, true);
    }
  }
}
