package dev.switchboard.console.success;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.JsonBody;
import dev.switchboard.console.http.Dates;
import dev.switchboard.console.http.QueryString;
import dev.switchboard.console.success.Views.Items;
import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.ops.success.ReferralAsks;
import dev.switchboard.ops.success.Renewals;
import dev.switchboard.ops.success.SuccessSettings;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Renewals coming due, their reminders and the referral asks sent after a good renewal. */
final class RenewalRoutes {

  private final Database db;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final SuccessSettings settings;
  private final Renewals renewals;

  RenewalRoutes(
      Database db, ObjectMapper mapper, Clock clock, SuccessSettings settings, Renewals renewals) {
    this.db = db;
    this.mapper = mapper;
    this.clock = clock;
    this.settings = settings;
    this.renewals = renewals;
  }

  void register(RoutesConfig r) {
    String s = "/api/v1/success";
    r.get(s + "/renewals", this::renewalsDue);
    r.get(s + "/renewals/lead-days", ctx -> ctx.json(new LeadDays(settings.renewalLeadDays())));
    r.put(s + "/renewals/lead-days", this::saveLeadDays);
    r.post(s + "/renewals/reminders", this::remind);
    r.get(s + "/renewals/study", ctx -> ctx.json(new Items<>(renewals.study(today()))));
    r.post(s + "/referrals/asks", this::referralAsks);
  }

  private LocalDate today() {
    return BusinessCalendar.today(clock.instant());
  }

  record LeadDays(List<Integer> leadDays) {}

  record Created(int created) {}

  private void renewalsDue(Context ctx) {
    QueryString q = QueryString.of(ctx, Set.of("days"));
    ctx.json(new Items<>(renewals.due(today(), q.integer("days", 90, 1, 366))));
  }

  private void saveLeadDays(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("leadDays"));
    List<Integer> days = b.integers("leadDays");
    if (days == null) {
      throw new InvalidValueException("leadDays", "leadDays is required");
    }
    ctx.json(new LeadDays(settings.saveRenewalLeadDays(days)));
  }

  private void remind(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("date"));
    LocalDate day = b.hasValue("date") ? Dates.parse("date", b.text("date")) : today();
    ctx.json(new Created(renewals.remind(day)));
  }

  private void referralAsks(Context ctx) {
    JsonBody b = JsonBody.parseOrEmpty(mapper, ctx.bodyAsBytes(), Set.of("date"));
    LocalDate day = b.hasValue("date") ? Dates.parse("date", b.text("date")) : today();
    ctx.json(new Created(new ReferralAsks(db, clock).run(day)));
  }
}
