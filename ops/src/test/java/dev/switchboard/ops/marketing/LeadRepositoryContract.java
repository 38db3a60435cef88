package dev.switchboard.ops.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.testing.OpenDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Leads on a real database: create, grade, advance, bulk changes, duplicates and merge. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeadRepositoryContract {

  /** 2026-03-31 10:00 in Shanghai. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-31T02:00:00Z"), ZoneOffset.UTC);

  OpenDatabase mdb;
  LeadRepository leads;
  CampaignRepository campaigns;

  abstract String kind();

  @BeforeAll
  void open() {
    mdb = OpenDatabase.of(kind(), null);
    leads = new LeadRepository(mdb.db.jdbi(), CLOCK);
    campaigns = new CampaignRepository(mdb.db.jdbi(), CLOCK);
    campaigns.create(
        new Campaign(
            "spring-expo",
            "Spring expo",
            "trade_show",
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 3, 31),
            "Booth B12",
            "li.na@switchboard.test",
            new BigDecimal("5000"),
            new BigDecimal("4800.50"),
            100,
            10,
            null));
  }

  @AfterAll
  void close() {
    if (mdb != null) {
      mdb.close();
    }
  }

  private static LeadDraft draft(String name, String phone, String email, String company) {
    return new LeadDraft(
        name,
        phone,
        email,
        company,
        "retail",
        "华东",
        12,
        null,
        "spring-expo",
        null,
        null,
        null,
        LocalDate.of(2026, 3, 2));
  }

  @Test
  void createNormalisesTakesTheCampaignsChannelAndGradesByTheRules() {
    Lead l =
        leads.create(
            draft("王芳", "138 0000 0001", " Wang.Fang@Example.com", "杭州 一号 有限公司"), "tester");
    assertThat(l.phone()).isEqualTo("+8613800000001");
    assertThat(l.email()).isEqualTo("wang.fang@example.com");
    assertThat(l.channel()).isEqualTo("trade_show");
    assertThat(l.status()).isEqualTo(LeadStatus.NEW);
    // Default rules: 12 seats with a company is B (rule 30), not A (needs 20).
    assertThat(l.intent()).isEqualTo('B');
    assertThat(l.intentManual()).isFalse();
    assertThat(leads.events(l.id())).extracting(LeadEvent::kind).containsExactly("created");
  }

  @Test
  void createRefusesMissingContactUnknownChannelAndMismatchedCampaign() {
    assertThatThrownBy(() -> leads.create(LeadDraft.of("A", null, null, "website"), "t"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    assertThatThrownBy(() -> leads.create(LeadDraft.of("A", "13800000009", null, "tv"), "t"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("channel"));
    LeadDraft wrong =
        new LeadDraft(
            "A",
            "13800000009",
            null,
            null,
            null,
            null,
            null,
            "website",
            "spring-expo",
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> leads.create(wrong, "t"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("campaign"));
  }

  @Test
  void advancingDatesImpliedStagesAndKeepsTheHistory() {
    Lead l = leads.create(draft("赵六", "13800000002", null, "赵氏贸易"), "t");
    leads.advance(l.id(), LeadStatus.VALID, LocalDate.of(2026, 3, 4), "t", null);
    Lead won = leads.advance(l.id(), LeadStatus.WON, LocalDate.of(2026, 3, 20), "rep", "signed");
    assertThat(won.status()).isEqualTo(LeadStatus.WON);
    assertThat(won.validOn()).isEqualTo(LocalDate.of(2026, 3, 4));
    // Won straight from valid: trial and opportunity are implied on the day of the win.
    assertThat(won.trialOn()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(won.opportunityOn()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(won.wonOn()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(leads.events(l.id()))
        .extracting(LeadEvent::kind, LeadEvent::occurredOn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("created", LocalDate.of(2026, 3, 2)),
            org.assertj.core.groups.Tuple.tuple("valid", LocalDate.of(2026, 3, 4)),
            org.assertj.core.groups.Tuple.tuple("won", LocalDate.of(2026, 3, 20)));
    assertThatThrownBy(() -> leads.advance(l.id(), LeadStatus.LOST, null, "t", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("won and closed");
  }

  @Test
  void lostKeepsTheReasonAndReopeningClearsIt() {
    Lead l = leads.create(draft("钱七", "13800000003", null, null), "t");
    leads.advance(l.id(), LeadStatus.OPPORTUNITY, LocalDate.of(2026, 3, 10), "t", null);
    Lead lost =
        leads.advance(l.id(), LeadStatus.LOST, LocalDate.of(2026, 3, 15), "t", null, "price");
    assertThat(lost.lostOn()).isEqualTo(LocalDate.of(2026, 3, 15));
    assertThat(lost.lostReason()).isEqualTo("price");
    assertThat(lost.opportunityOn()).isEqualTo(LocalDate.of(2026, 3, 10));
    Lead reopened =
        leads.advance(l.id(), LeadStatus.OPPORTUNITY, LocalDate.of(2026, 3, 25), "t", null);
    assertThat(reopened.lostOn()).isNull();
    assertThat(reopened.lostReason()).isNull();
    assertThatThrownBy(
            () -> leads.advance(l.id(), LeadStatus.TRIAL, LocalDate.of(2026, 3, 1), "t", null))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("on"));
  }

  @Test
  void bulkOwnerAndInvalid() {
    Lead a = leads.create(draft("甲", "13800000004", null, null), "t");
    Lead b = leads.create(draft("乙", "13800000005", null, null), "t");
    leads.advance(b.id(), LeadStatus.VALID, LocalDate.of(2026, 3, 3), "t", null);
    assertThat(leads.assignOwner(List.of(a.id(), b.id()), "Chen.Jie@Switchboard.test", "boss"))
        .isEqualTo(2);
    assertThat(leads.get(a.id()).ownerEmail()).isEqualTo("chen.jie@switchboard.test");
    assertThat(leads.markInvalid(List.of(a.id(), b.id()), "boss")).isEqualTo(2);
    Lead invalid = leads.get(b.id());
    assertThat(invalid.status()).isEqualTo(LeadStatus.INVALID);
    assertThat(invalid.validOn()).as("validity that led nowhere is undone").isNull();
    Lead c = leads.create(draft("丙", "13800000006", null, null), "t");
    leads.advance(c.id(), LeadStatus.WON, LocalDate.of(2026, 3, 20), "t", null);
    Lead d = leads.create(draft("丁", "13800000007", null, null), "t");
    assertThatThrownBy(() -> leads.markInvalid(List.of(d.id(), c.id()), "boss"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("ids"));
    assertThat(leads.get(d.id()).status()).as("nothing changed").isEqualTo(LeadStatus.NEW);
  }

  @Test
  void duplicatesAreFoundOnPhoneEmailOrCompanyAndMergedWithoutLosingHistory() {
    Lead first = leads.create(draft("孙八", "139 1111 2222", null, "苏州 八方 有限公司"), "form");
    Lead second = leads.create(draft("孙八", null, "sun@bafang.example", "苏州八方"), "import");
    Lead third = leads.create(draft("Other", "+86 139-1111-2222", null, null), "t");
    leads.advance(second.id(), LeadStatus.TRIAL, LocalDate.of(2026, 3, 6), "t", null);
    leads.addNote(second.id(), "wants a demo", "li.na@switchboard.test");
    assertThat(leads.duplicatesOf(first.id()))
        .extracting(Lead::id)
        .containsExactly(second.id(), third.id());
    assertThat(leads.duplicateGroups(50))
        .anySatisfy(
            g -> {
              assertThat(g.field()).isEqualTo("company");
              assertThat(g.leads()).extracting(Lead::id).contains(first.id(), second.id());
            });

    Lead survivor = leads.merge(first.id(), second.id(), "boss");
    assertThat(survivor.email()).isEqualTo("sun@bafang.example");
    assertThat(survivor.phone()).isEqualTo("+8613911112222");
    assertThat(survivor.status()).isEqualTo(LeadStatus.TRIAL);
    assertThat(survivor.trialOn()).isEqualTo(LocalDate.of(2026, 3, 6));
    assertThat(leads.events(first.id()))
        .extracting(LeadEvent::kind)
        .containsExactlyInAnyOrder("created", "created", "trial", "merged");
    assertThat(leads.notes(first.id())).extracting(LeadNote::body).containsExactly("wants a demo");
    Lead tomb = leads.get(second.id());
    assertThat(tomb.mergedInto()).isEqualTo(first.id());
    assertThat(leads.events(second.id())).isEmpty();
    assertThat(leads.list(LeadFilter.ALL, null, 500).items())
        .extracting(Lead::id)
        .doesNotContain(second.id());
    assertThatThrownBy(() -> leads.advance(second.id(), LeadStatus.VALID, null, "t", null))
        .hasMessageContaining("merged into lead " + first.id());
    // Merging the third (same phone) keeps the chain pointing at the survivor.
    leads.merge(first.id(), third.id(), "boss");
    assertThat(leads.duplicatesOf(first.id())).isEmpty();
  }

  @Test
  void listFiltersAndPages() {
    for (int i = 0; i < 5; i++) {
      leads.create(
          new LeadDraft(
              "Page " + i,
              "1370000000" + i,
              null,
              "Paging Co " + i,
              null,
              null,
              null,
              "website",
              null,
              null,
              'A',
              "page.owner@switchboard.test",
              LocalDate.of(2026, 1, 10 + i)),
          "t");
    }
    LeadFilter f =
        new LeadFilter(
            null, "website", null, "page.owner@switchboard.test", 'A', "paging", null, null, false);
    LeadPage p1 = leads.list(f, null, 3);
    assertThat(p1.total()).isEqualTo(5);
    assertThat(p1.items()).extracting(Lead::name).containsExactly("Page 4", "Page 3", "Page 2");
    LeadPage p2 = leads.list(f, p1.nextAfter(), 3);
    assertThat(p2.items()).extracting(Lead::name).containsExactly("Page 1", "Page 0");
    assertThat(p2.nextAfter()).isNull();
    LeadFilter dated =
        new LeadFilter(
            null,
            null,
            null,
            "page.owner@switchboard.test",
            null,
            null,
            LocalDate.of(2026, 1, 11),
            LocalDate.of(2026, 1, 12),
            false);
    assertThat(leads.list(dated, null, 10).items())
        .extracting(Lead::name)
        .containsExactly("Page 2", "Page 1");
  }
}
