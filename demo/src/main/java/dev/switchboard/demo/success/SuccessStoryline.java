package dev.switchboard.demo.success;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoHistory.Customer;
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
import dev.switchboard.ops.success.StoryRepository;
import dev.switchboard.ops.success.SuccessSources;
import dev.switchboard.ops.success.TermEnd;
import dev.switchboard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The demo's success history written table by table (usage, cases, surveys, scores, tasks,
 * feedback, stories): one pass over the story's customers with one random generator, so every run
 * writes the same rows.
 */
final class SuccessStoryline {
  final DemoHistory history;
  final Map<String, Long> ids;
  final Random random;

  /** Complaint cases per tenant: [opened epoch second, resolved epoch second or MAX]. */
  final Map<Long, List<long[]>> complaints = new HashMap<>();

  /** Survey answers per tenant: [answered epoch second, kind 0 nps / 1 csat, score]. */
  final Map<Long, List<int[]>> surveyAnswers = new HashMap<>();

  final Map<Long, List<Long>> surveyTimes = new HashMap<>();
  final List<long[]> resolvedCases = new ArrayList<>();

  SuccessStoryline(DemoHistory history, Map<String, Long> ids, Random random) {
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
              new String[] {"如何设置呼叫转移", "Voicemail PIN reset", "发票抬头修改", "Adding a new extension"};
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
        Instant at = BusinessCalendar.startOf(u.weekStart().plusDays(2)).plus(Duration.ofHours(15));
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
                    .add(new long[] {rs.getObject(2, LocalDate.class).toEpochDay(), rs.getInt(3)}))
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
            .bind("title", "Renewal: term ends " + e.endsOn() + " (" + leads[i] + "-day reminder)")
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
