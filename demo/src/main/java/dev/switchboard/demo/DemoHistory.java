package dev.switchboard.demo;

import dev.switchboard.ops.customer.WeekSignals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two years of the business made up from one seed: channels bring leads, reps close some, the
 * customers use their phones, pay, refer, and renew or churn. Every department seeds its tables
 * from the same story, so the funnel, the revenue and the health pages agree with each other.
 *
 * <p>Churn is driven by a hidden weekly engagement that no table stores: the usage figures are
 * noisy readings of it, and a decline (a key person leaves, a rival calls) starts weeks before a
 * customer leaves. The churn model has to find that pattern in the usage, not read it off a column.
 */
public record DemoHistory(
    LocalDate start,
    LocalDate today,
    List<ChannelProfile> channels,
    List<Campaign> campaigns,
    List<Rep> reps,
    List<Lead> leads,
    List<Customer> customers) {

  /** Weeks of history: two years. */
  public static final int WEEKS = 104;

  /** Multiplies every channel's weekly leads: sized for a few hundred customers in two years. */
  static final double LEAD_SCALE = 2.5;

  /** The seed the demo uses, so every run tells the same story. */
  public static final long DEMO_SEED = 20261125L;

  /** How a channel behaves; costs in CNY. */
  public record ChannelProfile(
      String code,
      String kind,
      double leadsPerWeek,
      BigDecimal costPerLead,
      double validRate,
      double trialRate,
      double opportunityRate,
      double winRate,
      int meanSeats,
      double loyalty) {}

  /** A 推广方案: one channel, a date range, its budget and what it really cost. */
  public record Campaign(
      String code,
      String name,
      String channel,
      LocalDate startsOn,
      LocalDate endsOn,
      BigDecimal budget,
      BigDecimal actualCost,
      int leadGoal) {}

  /** A sales rep in a team. */
  public record Rep(String email, String name, String team, double skill) {}

  /** How far a lead went: each later stage implies the earlier ones. */
  public enum Stage {
    LEAD,
    VALID,
    TRIAL,
    OPPORTUNITY,
    WON,
    LOST
  }

  /**
   * One lead and its path through the funnel. Dates of stages not reached are null; a stage dated
   * after {@code today} has not happened yet, so such leads are still open in the pipeline. {@code
   * customer} is the index in {@link #customers()} when the lead was won, else -1.
   */
  public record Lead(
      int id,
      String name,
      String company,
      String phone,
      String email,
      String industry,
      String region,
      String channel,
      String campaign,
      char intent,
      LocalDate createdOn,
      LocalDate validOn,
      LocalDate trialOn,
      LocalDate opportunityOn,
      LocalDate closedOn,
      Stage outcome,
      String lostReason,
      String rep,
      int seats,
      int referredBy,
      int customer,
      BigDecimal acquisitionCost) {}

  /** A seat change in the middle of a term. */
  public record SeatChange(LocalDate on, int seats) {}

  /**
   * A customer (a tenant): won from a lead, subscribed from {@code startedOn} on a plan; {@code
   * churnedOn} is the term end at which they left (null while active), {@code reactivatedOn} a
   * later return. {@code paymentDelays} gives, per invoice in order, the days between issue and
   * payment (negative: never paid).
   */
  public record Customer(
      int index,
      String domain,
      String company,
      String industry,
      String region,
      String size,
      String channel,
      String campaign,
      String rep,
      int lead,
      String plan,
      int initialSeats,
      LocalDate startedOn,
      List<SeatChange> seatChanges,
      LocalDate churnedOn,
      String churnReason,
      LocalDate reactivatedOn,
      List<WeekSignals> usage,
      List<Integer> paymentDelays,
      double hiddenEngagementAtEnd) {}

  static final String[] INDUSTRIES = {
    "retail", "wholesale", "manufacturing", "logistics", "catering", "clinic", "education"
  };
  static final String[] REGIONS = {"华东", "华南", "华北", "西南", "华中"};
  static final String[] LOST_REASONS = {"price", "no_budget", "chose_competitor", "no_decision"};
  static final String[] CHURN_REASONS = {
    "low_usage", "price", "moved_to_competitor", "business_closed", "key_contact_left"
  };

  /** The seed's channels, offline, online and referral, with made-up but plausible economics. */
  static List<ChannelProfile> channelProfiles() {
    return List.of(
        channel("trade_show", "offline", 3.0, "180.00", 0.55, 0.45, 0.55, 0.45, 12, 0.10),
        channel("open_class", "offline", 2.0, "90.00", 0.60, 0.50, 0.50, 0.40, 8, 0.15),
        channel("industry_salon", "offline", 1.5, "120.00", 0.65, 0.50, 0.55, 0.45, 10, 0.15),
        channel("door_to_door", "offline", 2.5, "60.00", 0.35, 0.30, 0.40, 0.35, 5, -0.05),
        channel("offline_ads", "offline", 4.0, "45.00", 0.25, 0.30, 0.35, 0.30, 5, -0.10),
        channel("partnership", "offline", 1.0, "70.00", 0.60, 0.50, 0.55, 0.50, 9, 0.10),
        channel("self_media", "online", 6.0, "12.00", 0.30, 0.35, 0.35, 0.30, 4, -0.05),
        channel("website", "online", 5.0, "8.00", 0.45, 0.55, 0.45, 0.40, 5, 0.05),
        channel("vertical_site", "online", 3.0, "25.00", 0.40, 0.40, 0.40, 0.35, 6, 0.00),
        channel("search", "online", 6.0, "30.00", 0.40, 0.45, 0.40, 0.35, 5, 0.00),
        channel("partner_promotion", "online", 1.5, "20.00", 0.50, 0.45, 0.45, 0.40, 6, 0.05),
        channel("referral", "referral", 0.0, "0.00", 0.85, 0.70, 0.70, 0.60, 7, 0.25));
  }

  private static ChannelProfile channel(
      String code,
      String kind,
      double perWeek,
      String cost,
      double valid,
      double trial,
      double opp,
      double win,
      int seats,
      double loyalty) {
    return new ChannelProfile(
        code, kind, perWeek, new BigDecimal(cost), valid, trial, opp, win, seats, loyalty);
  }

  /** The story ending on {@code today}, the same for the same seed and date. */
  public static DemoHistory generate(long seed, LocalDate today) {
    return generate(seed, today, LEAD_SCALE);
  }

  /**
   * The same kind of story with {@code leadScale} times the demo's leads per channel and week:
   * larger histories for benchmarks and for judging the churn model on more than a few dozen
   * churned customers.
   */
  public static DemoHistory generate(long seed, LocalDate today, double leadScale) {
    return new DemoStory(seed, today, leadScale / LEAD_SCALE).tell();
  }

  /** The Monday of the week holding {@code day}. */
  public static LocalDate weekStart(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The story's writer: one pass over the weeks, all randomness from one generator. */
  private static final class DemoStory {
    private final Random random;
    private final LocalDate today;
    private final LocalDate start;
    private final List<ChannelProfile> channels = channelProfiles();
    private final List<Campaign> campaigns = new ArrayList<>();
    private final List<Rep> reps = new ArrayList<>();
    private final List<Lead> leads = new ArrayList<>();
    private final List<Sim> sims = new ArrayList<>();

    /** Leads per channel and week relative to the demo's. */
    private final double scale;

    DemoStory(long seed, LocalDate today, double scale) {
      this.random = new Random(seed);
      this.scale = scale;
      this.today = today;
      this.start = weekStart(today).minusWeeks(WEEKS);
    }

    DemoHistory tell() {
      hireReps();
      planCampaigns();
      for (int week = 0; week < WEEKS; week++) {
        LocalDate monday = start.plusWeeks(week);
        for (ChannelProfile c : channels) {
          int n = poisson(c.leadsPerWeek() * LEAD_SCALE * scale * season(monday));
          for (int i = 0; i < n; i++) {
            newLead(c, monday.plusDays(random.nextInt(7)), -1);
          }
        }
        for (Sim s : List.copyOf(sims)) {
          s.live(monday);
        }
        startCustomers(monday);
      }
      List<Customer> customers = sims.stream().map(Sim::customer).toList();
      List<Campaign> costed = costCampaigns();
      return new DemoHistory(
          start,
          today,
          channels,
          costed,
          List.copyOf(reps),
          List.copyOf(leads),
          List.copyOf(customers));
    }

    private void hireReps() {
      String[][] names = {
        {"li.na", "李娜", "north"},
        {"wang.wei", "王伟", "north"},
        {"zhang.min", "张敏", "north"},
        {"liu.yang", "刘洋", "south"},
        {"chen.jie", "陈杰", "south"},
        {"zhao.lei", "赵磊", "south"}
      };
      double[] skill = {1.25, 1.0, 0.85, 1.15, 0.95, 0.8};
      for (int i = 0; i < names.length; i++) {
        reps.add(new Rep(names[i][0] + "@switchboard.test", names[i][1], names[i][2], skill[i]));
      }
    }

    private void planCampaigns() {
      int seq = 1;
      for (ChannelProfile c : channels) {
        if (c.kind().equals("referral")) {
          continue;
        }
        LocalDate from = start;
        while (from.isBefore(today)) {
          int weeks = 8 + random.nextInt(12);
          LocalDate to = from.plusWeeks(weeks).minusDays(1);
          String code = String.format("c%03d", seq++);
          campaigns.add(
              new Campaign(
                  code,
                  c.code() + " " + from.getYear() + "-" + from.getMonthValue(),
                  c.code(),
                  from,
                  to.isAfter(today) ? today : to,
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  (int) Math.round(c.leadsPerWeek() * LEAD_SCALE * weeks)));
          from = to.plusDays(1 + random.nextInt(3) * 7L);
        }
      }
    }

    private String campaignFor(String channel, LocalDate day) {
      for (Campaign c : campaigns) {
        if (c.channel().equals(channel)
            && !day.isBefore(c.startsOn())
            && !day.isAfter(c.endsOn())) {
          return c.code();
        }
      }
      return null;
    }

    /** Campaign cost is what its leads cost; the budget was set a little off that, either way. */
    private List<Campaign> costCampaigns() {
      List<Campaign> out = new ArrayList<>();
      for (Campaign c : campaigns) {
        BigDecimal actual = BigDecimal.ZERO;
        for (Lead l : leads) {
          if (c.code().equals(l.campaign())) {
            actual = actual.add(l.acquisitionCost());
          }
        }
        BigDecimal budget =
            actual
                .multiply(BigDecimal.valueOf(0.85 + random.nextDouble() * 0.35))
                .setScale(-2, RoundingMode.HALF_UP)
                .max(new BigDecimal("500"))
                .setScale(2, RoundingMode.UNNECESSARY);
        out.add(
            new Campaign(
                c.code(),
                c.name(),
                c.channel(),
                c.startsOn(),
                c.endsOn(),
                budget,
                actual.setScale(2, RoundingMode.HALF_UP),
                c.leadGoal()));
      }
      return out;
    }

    private void newLead(ChannelProfile c, LocalDate created, int referredBy) {
      if (created.isAfter(today)) {
        return;
      }
      int id = leads.size() + 1;
      String industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
      String region = REGIONS[random.nextInt(REGIONS.length)];
      String company = CompanyNames.company(random, id);
      Rep rep = reps.get(random.nextInt(reps.size()));
      int seats = Math.max(2, (int) Math.round(c.meanSeats() * (0.5 + random.nextDouble())));
      double quality = random.nextDouble();
      char intent = quality > 0.8 ? 'A' : quality > 0.55 ? 'B' : quality > 0.3 ? 'C' : 'D';
      double lift = 0.7 + quality * 0.6;
      LocalDate valid = null;
      LocalDate trial = null;
      LocalDate opp = null;
      LocalDate closed = null;
      Stage outcome = Stage.LEAD;
      String lostReason = null;
      if (random.nextDouble() < c.validRate() * lift) {
        valid = created.plusDays(1 + random.nextInt(5));
        outcome = Stage.VALID;
        if (random.nextDouble() < c.trialRate() * lift) {
          trial = valid.plusDays(2 + random.nextInt(10));
          outcome = Stage.TRIAL;
          if (random.nextDouble() < c.opportunityRate() * lift) {
            opp = trial.plusDays(7 + random.nextInt(14));
            outcome = Stage.OPPORTUNITY;
            int cycle = (int) Math.round((10 + random.nextInt(30)) / rep.skill());
            closed = opp.plusDays(cycle);
            boolean won = random.nextDouble() < Math.min(0.95, c.winRate() * lift * rep.skill());
            outcome = won ? Stage.WON : Stage.LOST;
            lostReason = won ? null : LOST_REASONS[random.nextInt(LOST_REASONS.length)];
          }
        }
      }
      String phone =
          String.format("1%02d%08d", 30 + random.nextInt(60), random.nextInt(100_000_000));
      String email = "contact" + id + "@" + CompanyNames.slug(company, id) + ".example";
      leads.add(
          new Lead(
              id,
              CompanyNames.person(random),
              company,
              phone,
              email,
              industry,
              region,
              c.code(),
              referredBy >= 0 ? null : campaignFor(c.code(), created),
              intent,
              created,
              valid,
              trial,
              opp,
              closed,
              outcome,
              lostReason,
              rep.email(),
              seats,
              referredBy,
              -1,
              c.costPerLead()));
    }

    /** Leads whose win falls in this week become customers and start their subscription. */
    private void startCustomers(LocalDate monday) {
      LocalDate sunday = monday.plusDays(6);
      for (int i = 0; i < leads.size(); i++) {
        Lead l = leads.get(i);
        if (l.outcome() == Stage.WON
            && l.customer() < 0
            && !l.closedOn().isBefore(monday)
            && !l.closedOn().isAfter(sunday)
            && !l.closedOn().isAfter(today)) {
          int index = sims.size();
          ChannelProfile c = profile(l.channel());
          Sim s = new Sim(index, l, c);
          sims.add(s);
          leads.set(i, withCustomer(l, index));
        }
      }
    }

    private static Lead withCustomer(Lead l, int customer) {
      return new Lead(
          l.id(),
          l.name(),
          l.company(),
          l.phone(),
          l.email(),
          l.industry(),
          l.region(),
          l.channel(),
          l.campaign(),
          l.intent(),
          l.createdOn(),
          l.validOn(),
          l.trialOn(),
          l.opportunityOn(),
          l.closedOn(),
          l.outcome(),
          l.lostReason(),
          l.rep(),
          l.seats(),
          l.referredBy(),
          customer,
          l.acquisitionCost());
    }

    private ChannelProfile profile(String code) {
      return channels.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    private double season(LocalDate day) {
      // Fewer leads around the Spring Festival (February), more in spring and autumn.
      return switch (day.getMonthValue()) {
        case 2 -> 0.5;
        case 3, 4, 9, 10 -> 1.2;
        default -> 1.0;
      };
    }

    private int poisson(double mean) {
      double l = Math.exp(-mean);
      double p = 1.0;
      int k = 0;
      do {
        k++;
        p *= random.nextDouble();
      } while (p > l && k < 1000);
      return k - 1;
    }

    /** One customer's life, advanced a week at a time. */
    private final class Sim {
      final int index;
      final Lead lead;
      final String domain;
      final String plan;
      final LocalDate startedOn;
      double baseline;
      final double priceSensitivity;
      final double callsPerSeat;
      final List<SeatChange> seatChanges = new ArrayList<>();
      final List<WeekSignals> usage = new ArrayList<>();
      final List<Integer> paymentDelays = new ArrayList<>();

      /** The hidden engagement per recorded week: drives churn, never leaves this class. */
      final List<Double> hidden = new ArrayList<>();

      int seats;
      double engagement;

      /** Weeks left in a decline; the drag it puts on engagement each week. */
      int declineWeeks;

      double drag;
      LocalDate churnedOn;
      String churnReason;
      LocalDate reactivatedOn;
      LocalDate termEnd;
      double payDiscipline;

      Sim(int index, Lead lead, ChannelProfile channel) {
        this.index = index;
        this.lead = lead;
        this.domain = CompanyNames.slug(lead.company(), lead.id()) + ".customers.switchboard.test";
        this.seats = lead.seats();
        this.plan = seats <= 10 ? "starter" : "business";
        this.startedOn = lead.closedOn();
        this.termEnd = startedOn.plusYears(1);
        this.baseline = clamp(0.62 + channel.loyalty() + random.nextGaussian() * 0.12, 0.2, 0.95);
        this.engagement = baseline;
        this.priceSensitivity = random.nextDouble();
        this.callsPerSeat = 8 + random.nextDouble() * 20;
        this.payDiscipline = clamp(baseline + random.nextGaussian() * 0.2, 0, 1);
        paymentDelays.add(paymentDelay());
      }

      boolean active(LocalDate day) {
        if (day.isBefore(startedOn)) {
          return false;
        }
        if (churnedOn == null || day.isBefore(churnedOn)) {
          return true;
        }
        return reactivatedOn != null && !day.isBefore(reactivatedOn);
      }

      void live(LocalDate monday) {
        if (monday.isBefore(weekStart(startedOn))) {
          return;
        }
        LocalDate sunday = monday.plusDays(6);
        if (!active(monday) && !active(sunday)) {
          maybeReactivate(monday);
          return;
        }
        evolve();
        recordUsage(monday);
        maybeChangeSeats(monday);
        maybeRefer(monday);
        if (!termEnd.isBefore(monday) && !termEnd.isAfter(sunday) && !termEnd.isAfter(today)) {
          renewOrChurn();
        }
      }

      private void evolve() {
        if (declineWeeks == 0 && random.nextDouble() < 0.006) {
          declineWeeks = 10 + random.nextInt(20);
          drag = 0.015 + random.nextDouble() * 0.025;
        }
        double target = baseline;
        if (declineWeeks > 0) {
          declineWeeks--;
          baseline = Math.max(0.05, baseline - drag);
          target = baseline;
        }
        engagement =
            clamp(
                engagement + 0.35 * (target - engagement) + random.nextGaussian() * 0.04, 0.02, 1);
      }

      private void recordUsage(LocalDate monday) {
        double e = engagement;
        int registered = (int) Math.round(seats * clamp(e + random.nextGaussian() * 0.1, 0, 1));
        int activeDays = (int) Math.round(clamp(e * 6 + random.nextGaussian() * 0.8, 0, 7));
        double callMean = seats * callsPerSeat * e * e;
        int calls =
            Math.max(
                0, (int) Math.round(callMean + random.nextGaussian() * Math.sqrt(callMean + 1)));
        int minutes = (int) Math.round(calls * (1.5 + random.nextDouble() * 2.5));
        int logins = poisson(1.5 * e + 0.2);
        int features = 0;
        for (int f = 0; f < 6; f++) {
          if (random.nextDouble() < e * (0.9 - f * 0.12)) {
            features |= 1 << f;
          }
        }
        usage.add(
            new WeekSignals(
                monday, seats, registered, activeDays, calls, minutes, logins, features));
        hidden.add(e);
      }

      private void maybeChangeSeats(LocalDate monday) {
        double r = random.nextDouble();
        if (r < 0.012 * engagement) {
          seats += 1 + random.nextInt(Math.max(1, seats / 3));
          seatChanges.add(new SeatChange(monday.plusDays(random.nextInt(5)), seats));
        } else if (r > 1 - 0.01 * (1 - engagement) && seats > 2) {
          seats = Math.max(2, seats - 1 - random.nextInt(Math.max(1, seats / 4)));
          seatChanges.add(new SeatChange(monday.plusDays(random.nextInt(5)), seats));
        }
      }

      private void maybeRefer(LocalDate monday) {
        if (engagement > 0.7 && random.nextDouble() < 0.006) {
          newLead(profile("referral"), monday.plusDays(random.nextInt(7)), index);
        }
      }

      private void renewOrChurn() {
        // Recent engagement and its fall over the last 12 weeks drive the decision; the usage
        // tables only ever see noisy readings of it.
        double recent = mean(hidden.size() - 6, hidden.size());
        double earlier = mean(hidden.size() - 18, hidden.size() - 6);
        double logit =
            -1.2
                - 4.5 * (recent - 0.5)
                + 6.0 * Math.max(0, earlier - recent)
                + 0.9 * (priceSensitivity - 0.5);
        double p = 1 / (1 + Math.exp(-logit));
        if (random.nextDouble() < p) {
          churnedOn = termEnd;
          churnReason =
              recent < 0.35
                  ? "low_usage"
                  : priceSensitivity > 0.75
                      ? "price"
                      : CHURN_REASONS[random.nextInt(CHURN_REASONS.length)];
        } else {
          termEnd = termEnd.plusYears(1);
          paymentDelays.add(paymentDelay());
        }
      }

      private void maybeReactivate(LocalDate monday) {
        if (churnedOn != null
            && reactivatedOn == null
            && monday.isAfter(churnedOn.plusWeeks(8))
            && random.nextDouble() < 0.004) {
          reactivatedOn = monday.plusDays(random.nextInt(5));
          termEnd = reactivatedOn.plusYears(1);
          baseline = clamp(baseline + 0.25, 0.3, 0.9);
          engagement = baseline;
          declineWeeks = 0;
          paymentDelays.add(paymentDelay());
        }
      }

      private int paymentDelay() {
        if (random.nextDouble() < 0.01) {
          return -1;
        }
        double late = (1 - payDiscipline) * 40 + random.nextGaussian() * 5;
        return (int) Math.max(0, Math.round(late));
      }

      private double mean(int from, int to) {
        int lo = Math.max(0, from);
        int hi = Math.min(to, hidden.size());
        if (hi <= lo) {
          return engagement;
        }
        double sum = 0;
        for (int i = lo; i < hi; i++) {
          sum += hidden.get(i);
        }
        return sum / (hi - lo);
      }

      Customer customer() {
        String size = lead.seats() <= 5 ? "micro" : lead.seats() <= 12 ? "small" : "medium";
        return new Customer(
            index,
            domain,
            lead.company(),
            lead.industry(),
            lead.region(),
            size,
            lead.channel(),
            lead.campaign(),
            lead.rep(),
            lead.id(),
            plan,
            lead.seats(),
            startedOn,
            List.copyOf(seatChanges),
            churnedOn,
            churnReason,
            reactivatedOn,
            List.copyOf(usage),
            List.copyOf(paymentDelays),
            engagement);
      }
    }
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
