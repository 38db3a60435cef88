package dev.switchboard.demo.marketing;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.ops.marketing.Campaign;
import dev.switchboard.ops.marketing.CampaignRepository;
import dev.switchboard.ops.marketing.LeadContact;
import dev.switchboard.ops.marketing.LeadRepository;
import dev.switchboard.ops.marketing.LeadStatus;
import dev.switchboard.store.Database;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The marketing part of the demo: the story's campaigns with budgets and actual costs, and every
 * lead with its funnel dates as status history, owned by its rep; won leads point at the customer
 * tenants the billing seed created. Runs after the billing seed; skips when campaigns exist.
 */
public final class MarketingDemoSeed implements DemoSeed {

  private static final int BATCH = 2000;

  @Override
  public void seed(Database db, DemoHistory history) {
    db.jdbi()
        .useTransaction(
            h -> {
              long existing =
                  h.createQuery("SELECT COUNT(*) FROM campaign").mapTo(Long.class).one();
              if (existing > 0) {
                return;
              }
              OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
              for (DemoHistory.Campaign c : history.campaigns()) {
                CampaignRepository.insert(
                    h,
                    new Campaign(
                        c.code().toLowerCase(java.util.Locale.ROOT),
                        c.name(),
                        c.channel(),
                        c.startsOn(),
                        c.endsOn(),
                        "Demo campaign on " + c.channel(),
                        null,
                        c.budget(),
                        c.actualCost(),
                        c.leadGoal(),
                        null,
                        null),
                    now);
              }
              insertLeads(h, history, now);
              insertLibrary(h, history, now);
            });
  }

  /** What customers use instead of us, how we answer, who buys, and the toolkit. */
  private static void insertLibrary(Handle h, DemoHistory history, OffsetDateTime now) {
    String[][] competitors = {
      {
        "Personal mobiles and a paper call log",
        "manual",
        "Staff call from their own phones; missed calls are written on paper.",
        "Free",
        "Nothing to buy or learn",
        "Calls to a leaver's phone are lost; no record of who called",
        "Our mobiles cost nothing|Missed calls cost more: every extension rings in a group and"
            + " the call log shows who called back."
      },
      {
        "On-premise PBX with desktop software",
        "desktop",
        "A box in the office, desk phones, a PC program for the call log.",
        "CNY 8,000-20,000 up front plus maintenance",
        "Works without the internet",
        "Moving offices or adding a branch means a technician",
        "We already own a PBX|Keep the desk phones: they register to us, and a new branch is an"
            + " extension, not a visit."
      },
      {
        "Another cloud phone app",
        "app",
        "Hosted extensions and an app, priced per seat.",
        "CNY 60-120 per seat and month",
        "Known brand",
        "Usage is not tied to sales and service",
        "App X is cheaper per seat|Compare the first year: our opening fee covers set-up and"
            + " training, and the calls feed the customer's health score."
      }
    };
    for (String[] c : competitors) {
      long id =
          h.createUpdate(
                  "INSERT INTO competitor (name, kind, features, pricing, strengths, weaknesses,"
                      + " created_at) VALUES (:n, :k, :f, :p, :s, :w, :at)")
              .bind("n", c[0])
              .bind("k", c[1])
              .bind("f", c[2])
              .bind("p", c[3])
              .bind("s", c[4])
              .bind("w", c[5])
              .bind("at", now)
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      String[] qa = c[6].split("\\|");
      h.execute(
          "INSERT INTO competitor_faq (competitor_id, question, answer) VALUES (?, ?, ?)",
          id,
          qa[0],
          qa[1]);
    }
    String[][] personas = {
      {
        "owner",
        "Owner (老板)",
        "Decides and pays; asks the office manager and the sales lead",
        "Price of the first year; will staff use it",
        "A missed order; opening a branch",
        "Industry salons, trade shows, referrals from peers"
      },
      {
        "office_manager",
        "Office manager (行政)",
        "Chooses and sets up; the owner signs",
        "Set-up work; moving numbers",
        "Moving offices; the old PBX fails",
        "Search, vertical sites, self-media articles"
      }
    };
    for (String[] p : personas) {
      h.execute(
          "INSERT INTO persona (code, name, decision_chain, concerns, triggers, found_at,"
              + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          p[0],
          p[1],
          p[2],
          p[3],
          p[4],
          p[5],
          now);
    }
    String[][] items = {
      {"material", "One-page price sheet", "lead", "owner", null},
      {"material", "Set-up checklist for a 10-seat office", "trial", "office_manager", null},
      {"material", "Comparison with an on-premise PBX", "opportunity", "owner", null}
    };
    for (String[] i : items) {
      h.execute(
          "INSERT INTO content_item (kind, title, funnel_stage, persona_code, created_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          i[0],
          i[1],
          i[2],
          i[3],
          now);
    }
    for (DemoHistory.Customer c : history.customers().stream().limit(2).toList()) {
      h.execute(
          "INSERT INTO content_item (kind, title, body, funnel_stage, persona_code,"
              + " customer_domain, created_at) VALUES ('case_study', ?, ?, 'opportunity', 'owner',"
              + " ?, ?)",
          c.company() + ": no missed calls since moving to Switchboard",
          c.industry() + ", " + c.region() + ", " + c.initialSeats() + " seats",
          c.domain(),
          now);
    }
  }

  private static void insertLeads(Handle h, DemoHistory history, OffsetDateTime now) {
    Map<String, Long> tenants = new HashMap<>();
    h.createQuery("SELECT id, sip_domain FROM tenant")
        .map((rs, ctx) -> Map.entry(rs.getString(2), rs.getLong(1)))
        .forEach(e -> tenants.put(e.getKey(), e.getValue()));
    LocalDate today = history.today();
    List<DemoHistory.Lead> all = history.leads();
    long nextId =
        h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM lead").mapTo(Long.class).one();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<DemoHistory.Lead> part = all.subList(from, Math.min(all.size(), from + BATCH));
      PreparedBatch b =
          h.prepareBatch(
              "INSERT INTO lead (id, name, phone, email, company, company_key, industry, region,"
                  + " seats, channel_code, campaign_code, referral_code, intent, intent_manual,"
                  + " owner_email, status, created_on, valid_on, trial_on, opportunity_on, won_on,"
                  + " lost_on, lost_reason, tenant_id, created_at, updated_at) VALUES (:id, :name,"
                  + " :phone, :email, :company, :key, :industry, :region, :seats, :channel,"
                  + " :campaign, :referral, :intent, TRUE, :owner, :status, :created, :valid,"
                  + " :trial, :opp, :won, :lost, :reason, :tenant, :at, :at)");
      List<List<Object[]>> events = new ArrayList<>();
      long id = nextId;
      for (DemoHistory.Lead l : part) {
        LocalDate valid = upTo(l.validOn(), today);
        LocalDate trial = upTo(l.trialOn(), today);
        LocalDate opp = upTo(l.opportunityOn(), today);
        LocalDate closed = upTo(l.closedOn(), today);
        LocalDate won = l.outcome() == DemoHistory.Stage.WON ? closed : null;
        LocalDate lost = l.outcome() == DemoHistory.Stage.LOST ? closed : null;
        LeadStatus status =
            won != null
                ? LeadStatus.WON
                : lost != null
                    ? LeadStatus.LOST
                    : opp != null
                        ? LeadStatus.OPPORTUNITY
                        : trial != null
                            ? LeadStatus.TRIAL
                            : valid != null ? LeadStatus.VALID : LeadStatus.NEW;
        String domain = l.customer() >= 0 ? history.customers().get(l.customer()).domain() : null;
        String referrer =
            l.referredBy() >= 0 ? history.customers().get(l.referredBy()).domain() : null;
        b.bind("name", l.name())
            .bind("phone", LeadContact.phone(l.phone()))
            .bind("email", LeadContact.email(l.email()))
            .bind("company", l.company())
            .bind("key", LeadContact.companyKey(l.company()))
            .bind("industry", l.industry())
            .bind("region", l.region())
            .bind("seats", l.seats())
            .bind("channel", l.channel())
            .bind(
                "campaign",
                l.campaign() == null ? null : l.campaign().toLowerCase(java.util.Locale.ROOT))
            .bind("referral", referrer)
            .bind("intent", String.valueOf(l.intent()))
            .bind("owner", l.rep())
            .bind("status", status.wireName())
            .bind("created", l.createdOn())
            .bind("valid", valid)
            .bind("trial", trial)
            .bind("opp", opp)
            .bind("won", won)
            .bind("lost", lost)
            .bind("reason", lost == null ? null : l.lostReason())
            .bind("tenant", domain == null ? null : tenants.get(domain))
            .bind("at", now)
            .bind("id", id++)
            .add();
        List<Object[]> ev = new ArrayList<>();
        ev.add(new Object[] {"created", l.createdOn(), null});
        addIf(ev, "valid", valid, null);
        addIf(ev, "trial", trial, null);
        addIf(ev, "opportunity", opp, null);
        addIf(ev, "won", won, null);
        addIf(ev, "lost", lost, l.lostReason());
        events.add(ev);
      }
      b.execute();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < part.size(); i++) {
        ids.add(nextId + i);
      }
      nextId += part.size();
      PreparedBatch e =
          h.prepareBatch(
              "INSERT INTO lead_event (lead_id, kind, occurred_on, recorded_at, actor, note)"
                  + " VALUES (:lead, :kind, :on, :at, :actor, :note)");
      for (int i = 0; i < part.size(); i++) {
        for (Object[] ev : events.get(i)) {
          e.bind("lead", ids.get(i))
              .bind("kind", (String) ev[0])
              .bind("on", (LocalDate) ev[1])
              .bind("at", now)
              .bind("actor", ev[0].equals("created") ? "demo" : part.get(i).rep())
              .bind("note", (String) ev[2])
              .add();
        }
      }
      e.execute();
    }
    LeadRepository.restartIdentity(h, nextId);
  }

  private static void addIf(List<Object[]> ev, String kind, LocalDate on, String note) {
    if (on != null) {
      ev.add(new Object[] {kind, on, note});
    }
  }

  private static LocalDate upTo(LocalDate day, LocalDate today) {
    return day == null || day.isAfter(today) ? null : day;
  }
}
