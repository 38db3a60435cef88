package dev.switchboard.store.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.Database;
import dev.switchboard.store.DuplicateException;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.account.Account;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.account.AccountOptions.FollowMeStep;
import dev.switchboard.store.account.AccountRepository;
import dev.switchboard.store.directory.DirectoryChangeLog;
import dev.switchboard.store.tenant.Tenant;
import dev.switchboard.store.tenant.TenantRepository;
import dev.switchboard.store.testing.TestDatabase;
import dev.switchboard.store.usage.Page;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PBX tables of V10 (settings, feature codes, groups, messages), per database kind. */
abstract class PbxStoreContract {

  @TempDir Path tmp;
  private TestDatabase testDb;
  private Database db;
  private PbxRepository pbx;
  private AccountRepository accounts;
  private DirectoryChangeLog changes;

  abstract TestDatabase newDatabase(Path dir);

  @BeforeEach
  void open() {
    testDb = newDatabase(tmp);
    db = Database.open(testDb.settings());
    new TenantRepository(db.jdbi()).create(Tenant.create("a.test", "A"));
    accounts = new AccountRepository(db.jdbi());
    pbx = new PbxRepository(db.jdbi());
    changes = new DirectoryChangeLog(db.jdbi());
    for (String u : List.of("1001", "1002", "1003")) {
      accounts.create("a.test", Account.create(u, null), "password-" + u);
    }
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  @Test
  void newCallHandlingFieldsRoundTripAndOldOnesKeepWorking() {
    AccountOptions o =
        new AccountOptions(
            true,
            "sip:1003@a.test",
            "1002",
            "voicemail",
            25,
            "+8613800000000",
            true,
            List.of(new FollowMeStep("013800000000", 30), new FollowMeStep("sip:x@b.test", 10)));
    accounts.update("a.test", accounts.get("a.test", "1001").withOptions(o), Optional.empty());
    assertThat(accounts.get("a.test", "1001").options()).isEqualTo(o);
    assertThat(pbx.options("a.test", "1001")).contains(o);
    assertThat(accounts.get("a.test", "1002").options()).isEqualTo(AccountOptions.DEFAULTS);
    assertThatThrownBy(() -> new AccountOptions(false, "http://x", null, null, 20))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void promptLanguageIsEnglishUntilSetThenRoundTrips() {
    assertThat(pbx.settings("a.test").promptLanguage()).isEqualTo("en");
    PbxSettings d = PbxSettings.DEFAULTS;
    PbxSettings zh =
        new PbxSettings(
            d.countryCode(),
            d.nationalPrefix(),
            d.internationalPrefix(),
            d.outboundRoute(),
            d.emergencyNumbers(),
            d.emergencyRoute(),
            d.voicemailUri(),
            d.presenceDomains(),
            d.featureCodes(),
            "ZH");
    assertThat(pbx.saveSettings("a.test", zh).promptLanguage()).isEqualTo("zh");
    assertThat(pbx.settings("a.test").promptLanguage()).isEqualTo("zh");
    assertThatThrownBy(
            () ->
                new PbxSettings(
                    null, "0", "00", null, List.of(), null, null, List.of(), Map.of(), "fr"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("promptLanguage");
  }

  @Test
  void settingsDefaultThenRoundTripWithFeatureCodes() {
    assertThat(pbx.settings("a.test")).isEqualTo(PbxSettings.DEFAULTS);
    PbxSettings s =
        new PbxSettings(
            "86",
            "0",
            "00",
            "trunk.test",
            List.of("110", "120"),
            null,
            "sip:vm-USER@vm.test",
            List.of("b.test"),
            Map.of(Feature.DND_ON, "*11", Feature.DND_OFF, "*12"));
    long before = changes.latestId();
    PbxSettings saved = pbx.saveSettings("a.test", s);
    assertThat(saved).isEqualTo(s);
    assertThat(saved.code(Feature.DND_ON)).isEqualTo("*11");
    assertThat(saved.code(Feature.PICKUP)).isEqualTo("*8");
    assertThat(changes.changesAfter(before, 10))
        .anyMatch(c -> PbxRepository.CHANGE_MARK.equals(c.user()));
    assertThatThrownBy(
            () ->
                PbxSettings.DEFAULTS.withFeatureCodes(
                    Map.of(Feature.DND_ON, "*8", Feature.PICKUP, "*8")))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void groupsKeepMemberOrderAndRefuseExtensionNumbers() {
    RingGroup g =
        new RingGroup(
            "600",
            "Sales",
            RingStrategy.ROUND_ROBIN,
            List.of("1003", "1001", "1002"),
            15,
            60,
            "voicemail");
    pbx.createGroup("a.test", g);
    assertThat(pbx.groups("a.test")).containsExactly(g);
    assertThatThrownBy(() -> pbx.createGroup("a.test", g)).isInstanceOf(DuplicateException.class);
    assertThatThrownBy(
            () ->
                pbx.createGroup(
                    "a.test",
                    new RingGroup(
                        "1001", "X", RingStrategy.SIMULTANEOUS, List.of("1002"), 15, 60, null)))
        .isInstanceOf(DuplicateException.class);
    RingGroup renumbered =
        new RingGroup(
            "601",
            "Sales",
            RingStrategy.IN_ORDER,
            List.of("1002"),
            10,
            30,
            null,
            new GroupQueue(true, 45, 3));
    pbx.updateGroup("a.test", "600", renumbered);
    assertThat(pbx.group("a.test", "601")).isEqualTo(renumbered);
    TenantPbx loaded = pbx.load("a.test").orElseThrow();
    assertThat(loaded.groups()).containsExactly(renumbered);
    assertThat(loaded.options()).containsKeys("1001", "1002", "1003");
    assertThat(pbx.loadAll()).hasSize(1);
    assertThat(loaded.groups().get(0).queue()).isEqualTo(new GroupQueue(true, 45, 3));
    assertThat(g.queue().enabled()).isFalse();
    assertThatThrownBy(() -> new GroupQueue(true, 4, 3))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("queue.maxWaitSeconds");
    assertThatThrownBy(() -> new GroupQueue(true, 60, 0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("queue.maxCallers");
    pbx.deleteGroup("a.test", "601");
    assertThat(pbx.groups("a.test")).isEmpty();
  }

  @Test
  void messagesWaitThenSettleAndTheHistoryPages() {
    MessageRepository messages = new MessageRepository(db.jdbi());
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 3; i++) {
      messages.insert(
          new StoredMessage(
              0,
              "a.test",
              "sip:1002@a.test",
              "sip:1001@a.test",
              "text/plain",
              "hello " + i + " 你好",
              now.plusSeconds(i),
              now.plusSeconds(3600),
              "stored",
              null));
    }
    List<StoredMessage> waiting = messages.waiting();
    assertThat(waiting).extracting(StoredMessage::body).first().isEqualTo("hello 0 你好");
    messages.settle(waiting.get(0).id(), "delivered", now.plusSeconds(10));
    assertThat(messages.waiting()).hasSize(2);
    Page<StoredMessage> first = messages.history("a.test", 2, null);
    assertThat(first.items())
        .extracting(StoredMessage::body)
        .containsExactly("hello 2 你好", "hello 1 你好");
    Page<StoredMessage> second = messages.history("a.test", 2, first.next());
    assertThat(second.items())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("delivered");
              assertThat(m.deliveredAt()).isEqualTo(now.plusSeconds(10));
            });
    assertThat(second.next()).isNull();
  }
}
