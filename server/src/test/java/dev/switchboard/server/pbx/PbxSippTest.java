package dev.switchboard.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.directory.TenantRouting.Mode;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.EdgeConfig;
import dev.switchboard.server.edge.EdgeSecurity;
import dev.switchboard.server.proxy.CollectingSink;
import dev.switchboard.server.proxy.MemoryDirectory;
import dev.switchboard.server.proxy.MemoryLocation;
import dev.switchboard.server.proxy.RouteTable;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.sip.SipServiceConfig;
import dev.switchboard.server.sip.SipServices;
import dev.switchboard.server.sipp.Sipp;
import dev.switchboard.server.sipp.Sipp.Result;
import dev.switchboard.server.sipp.Sipp.Transport;
import dev.switchboard.server.usage.CallDetailRecord;
import dev.switchboard.server.usage.CallDetailRecord.Routing;
import dev.switchboard.server.wire.SipProbe;
import dev.switchboard.sip.auth.ChallengeOrder;
import dev.switchboard.sip.auth.DigestAuthenticator;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.TransportKind;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.pbx.PbxSettings;
import dev.switchboard.store.pbx.RingGroup;
import dev.switchboard.store.pbx.RingStrategy;
import dev.switchboard.store.pbx.StoredMessage;
import dev.switchboard.store.pbx.TenantPbx;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PBX's call handling on the wire: SIPp callers and phones over UDP on loopback through the
 * running SIP service with the PBX plugged in; forwarding in each case, DND, a phone's own 302 to a
 * colleague, loops, and what the call record says.
 */
class PbxSippTest {
  private static final String DOMAIN = "a.test";
  private static final String TRUNK = "trunk.test";

  private final MemoryDirectory directory =
      new MemoryDirectory()
          .tenant(DOMAIN, Mode.PROXY)
          .user(DOMAIN, "1001", "secret")
          .user(DOMAIN, "1002", "pw")
          .user(DOMAIN, "1003", "pw")
          .user(DOMAIN, "1004", "pw")
          .user(DOMAIN, "1005", "pw")
          .user(DOMAIN, "1006", "pw", false)
          .tenant("b.test", Mode.PROXY)
          .user("b.test", "1001", "other");
  private final MemoryLocation location = new MemoryLocation();
  private final CollectingSink sink = new CollectingSink();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Map<String, AccountOptions> options = new HashMap<>();
  private final List<RingGroup> groups = new ArrayList<>();
  private final Mailbox mailbox = new Mailbox();
  private List<String> presenceDomains = List.of();
  private PbxDirectory pbx;
  private PbxServices features;
  private MessageStore messages;
  private int port;
  private int trunkPort;

  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    for (String u : List.of("1001", "1002", "1003", "1004", "1005", "1006")) {
      options.put(u, AccountOptions.DEFAULTS);
    }
    pbx = PbxDirectory.start(new Source(), null, Duration.ofSeconds(1));
    open.add(pbx);
    messages = MessageStore.open(mailbox, Clock.systemUTC());
    open.add(messages);
    features = new PbxServices(pbx, messages, Clock.systemUTC(), Duration.ofMillis(200));
    open.add(features);
    trunkPort = Sipp.freePort(Transport.UDP);
    RouteTable routes =
        new RouteTable(Map.of(TRUNK, new InetSocketAddress("127.0.0.1", trunkPort)));
    SipService service =
        SipService.start(
            SipServiceConfig.listen("127.0.0.1", 0).withRoutes(routes),
            SipServices.proxy(directory, location, sink).withGate(gate()).withFeatures(features));
    open.add(service);
    port = service.address(TransportKind.UDP).getPort();
  }

  /** SIPp 3.6 answers only the first challenge and knows only MD5, so MD5 comes first. */
  private DigestGate gate() {
    return new DigestGate(
        new DigestAuthenticator(
            Clock.systemUTC(),
            new byte[32],
            DigestAuthenticator.DEFAULT_NONCE_LIFETIME,
            ChallengeOrder.MD5_FIRST),
        directory,
        new EdgeSecurity(EdgeConfig.DEFAULT, Clock.systemUTC()),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** The tenant as the tests configure it, read by the PBX directory like the database. */
  private final class Source implements PbxDirectory.Source {
    @Override
    public List<TenantPbx> loadAll() {
      return List.of(tenant());
    }

    @Override
    public Optional<TenantPbx> load(String domain) {
      return Optional.of(tenant());
    }

    @Override
    public Optional<AccountOptions> options(String domain, String user) {
      return Optional.ofNullable(options.get(user));
    }

    @Override
    public void saveOptions(String domain, String user, AccountOptions o) {
      options.put(user, o);
    }
  }

  /** Kept messages in memory, standing in for the database table. */
  private static final class Mailbox implements MessageStore.Mailbox {
    final Map<Long, StoredMessage> all = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public StoredMessage insert(StoredMessage m) {
      StoredMessage kept = m.withId(all.size() + 1);
      all.put(kept.id(), kept);
      return kept;
    }

    @Override
    public List<StoredMessage> waiting() {
      return all.values().stream().filter(m -> m.status().equals("stored")).toList();
    }

    @Override
    public void settle(long id, String status, java.time.Instant at) {
      all.computeIfPresent(id, (k, m) -> m.settled(status, at));
    }
  }

  private TenantPbx tenant() {
    PbxSettings s =
        new PbxSettings(
            "49",
            "0",
            "00",
            TRUNK,
            PbxSettings.DEFAULT_EMERGENCY,
            null,
            null,
            presenceDomains,
            null);
    return new TenantPbx(DOMAIN, s, groups, options);
  }

  /** Sets {@code user}'s call handling and hands the tenant to the PBX. */
  private void configure(String user, AccountOptions o) {
    options.put(user, o);
    pbx.put(tenant());
  }

  private static AccountOptions forwarding(
      String always, String busy, String noAnswer, int seconds, String unregistered, boolean dnd) {
    return new AccountOptions(false, always, busy, noAnswer, seconds, unregistered, dnd, List.of());
  }

  private static Path resource(String name) throws Exception {
    return Path.of(PbxSippTest.class.getResource("/sipp/" + name).toURI());
  }

  private Path filled(String name, String placeholder, String value) throws Exception {
    Path p = dir.resolve(System.nanoTime() + "-" + name);
    Files.writeString(p, Files.readString(resource(name)).replace(placeholder, value));
    return p;
  }

  /** A phone on a port of its own, bound as a contact of {@code user}. */
  private Sipp.Running phone(Path scenario, String user) throws Exception {
    int p = Sipp.freePort(Transport.UDP);
    Sipp.Running running =
        Sipp.scenario(scenario).localPort(p).timeout(Duration.ofSeconds(20)).start();
    open.add(running);
    if (user != null) {
      location.bind(user, DOMAIN, p, 1000);
    }
    Thread.sleep(300); // SIPp binds its socket shortly after starting.
    return running;
  }

  /** A phone that answers only an INVITE matching {@code regex}. */
  private Sipp.Running answering(String user, String regex) throws Exception {
    return phone(filled("pbx-uas-answer-matching.xml", "@EXPECT@", xml(regex)), user);
  }

  /** {@code text} as an XML attribute value. */
  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private Sipp.Running trunk(String regex) throws Exception {
    Sipp.Running running =
        Sipp.scenario(filled("pbx-uas-answer-matching.xml", "@EXPECT@", xml(regex)))
            .localPort(trunkPort)
            .timeout(Duration.ofSeconds(20))
            .start();
    open.add(running);
    Thread.sleep(300);
    return running;
  }

  private Sipp call(String to) throws Exception {
    return caller(resource("proxy-uac-call.xml"), to);
  }

  private Sipp callFailing(String to, int status) throws Exception {
    return caller(filled("proxy-uac-fail.xml", "@STATUS@", "" + status), to);
  }

  private Sipp caller(Path scenario, String to) {
    return Sipp.scenario(scenario)
        .remote("127.0.0.1", port)
        .set("from", "1001")
        .set("fromdomain", DOMAIN)
        .set("to", to)
        .set("todomain", DOMAIN)
        .timeout(Duration.ofSeconds(30))
        .args("-au", "1001", "-ap", "secret");
  }

  private static void assertOk(Result r) {
    assertThat(r.allSucceeded()).as(r.describe()).isTrue();
  }

  private static String diversion(String user, String reason) {
    return "Diversion: <sip:" + user + "@a\\.test>;reason=" + reason;
  }

  private CallDetailRecord onlyCall() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sink.calls().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sink.calls()).hasSize(1);
    return sink.calls().get(0);
  }

  /**
   * The one call record of a call to {@code user}; feature-code attempts have records of their own
   * (a 603 or 4xx to {@code sip:*78@a.test}), as the tenant sees them in its call list.
   */
  private CallDetailRecord onlyCallTo(String user) throws InterruptedException {
    String aor = "sip:" + user + "@a.test";
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sink.calls().stream().noneMatch(c -> c.toUri().equals(aor))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<CallDetailRecord> to = sink.calls().stream().filter(c -> c.toUri().equals(aor)).toList();
    assertThat(to).hasSize(1);
    return to.get(0);
  }

  private void assertForwardedTo(CallDetailRecord cdr, String user) {
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.toUri()).isEqualTo("sip:1002@a.test");
    assertThat(cdr.routing()).isEqualTo(Routing.FORWARDED);
    assertThat(cdr.answeredBy()).isEqualTo("sip:" + user + "@a.test");
  }

  @Test
  void forwardAlwaysSkipsTheExtensionsPhones() throws Exception {
    configure("1002", forwarding("1003", null, null, 20, null, false));
    Sipp.Running bobPhone = phone(resource("proxy-uas-answer.xml"), "1002");
    Sipp.Running carol = answering("1003", diversion("1002", "unconditional"));
    assertOk(call("1002").run());
    assertOk(carol.await());
    assertForwardedTo(onlyCall(), "1003");
    bobPhone.close();
    assertThat(bobPhone.await().allSucceeded()).isFalse(); // 1002's phone never saw the call
  }

  @Test
  void forwardOnBusyAfterThePhoneSays486() throws Exception {
    configure("1002", forwarding(null, "1003", null, 20, null, false));
    Sipp.Running bobPhone = phone(resource("proxy-uas-busy.xml"), "1002");
    Sipp.Running carol = answering("1003", diversion("1002", "user-busy"));
    assertOk(call("1002").run());
    assertOk(bobPhone.await());
    assertOk(carol.await());
    assertForwardedTo(onlyCall(), "1003");
  }

  @Test
  void forwardOnNoAnswerAfterTheExtensionsRingTime() throws Exception {
    configure("1002", forwarding(null, null, "1003", 5, null, false));
    Sipp.Running bobPhone = phone(resource("proxy-uas-cancelled.xml"), "1002");
    Sipp.Running carol = answering("1003", diversion("1002", "no-answer"));
    assertOk(call("1002").run());
    assertOk(bobPhone.await());
    assertOk(carol.await());
    CallDetailRecord cdr = onlyCall();
    assertForwardedTo(cdr, "1003");
    // 1002 rang for its 5 s (not Timer C's 181 s) before 1003's phone took the call.
    Duration rang = Duration.between(cdr.setupTime(), cdr.answerTime());
    assertThat(rang).isBetween(Duration.ofMillis(4_900), Duration.ofSeconds(15));
  }

  @Test
  void forwardWhenUnregistered() throws Exception {
    configure("1002", forwarding(null, null, null, 20, "1003", false));
    Sipp.Running carol = answering("1003", diversion("1002", "unavailable"));
    assertOk(call("1002").run());
    assertOk(carol.await());
    assertForwardedTo(onlyCall(), "1003");
  }

  @Test
  void forwardToAnOutsideNumberGoesToTheTrunkInE164() throws Exception {
    configure("1002", forwarding("0301234567", null, null, 20, null, false));
    Sipp.Running trunk = trunk("INVITE sip:\\+49301234567@trunk\\.test;user=phone SIP/2\\.0");
    assertOk(call("1002").run());
    assertOk(trunk.await());
    CallDetailRecord cdr = onlyCall();
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.routing()).isEqualTo(Routing.FORWARDED);
    assertThat(cdr.answeredBy()).isNull(); // an outside line, not one of our extensions
  }

  @Test
  void doNotDisturbIsBusyAndFollowsBusyForwarding() throws Exception {
    configure("1002", forwarding(null, null, null, 20, null, true));
    Sipp.Running bobPhone = phone(resource("proxy-uas-answer.xml"), "1002");
    assertOk(callFailing("1002", 486).run());
    assertThat(onlyCall().status()).isEqualTo(486);
    sink.clear();

    configure("1002", forwarding(null, "1003", null, 20, null, true));
    Sipp.Running carol = answering("1003", diversion("1002", "user-busy"));
    assertOk(call("1002").run());
    assertOk(carol.await());
    assertForwardedTo(onlyCall(), "1003");
    bobPhone.close();
    assertThat(bobPhone.await().allSucceeded()).isFalse(); // DND: 1002's phone never rang
  }

  @Test
  void aPhonesOwn302ToAColleagueIsLookedUpInTheLocationService() throws Exception {
    Sipp.Running bobPhone =
        phone(filled("pbx-uas-redirect.xml", "@CONTACT@", "sip:1004@a.test"), "1002");
    Sipp.Running dave = answering("1004", "INVITE sip:1004@127\\.0\\.0\\.1:[0-9]+ SIP/2\\.0");
    assertOk(call("1002").run());
    assertOk(bobPhone.await());
    assertOk(dave.await());
    CallDetailRecord cdr = onlyCall();
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.routing()).isEqualTo(Routing.FORWARDED);
    assertThat(cdr.answeredBy()).isEqualTo("sip:1004@a.test");
  }

  @Test
  void aDisabledExtensionRingsNowhereEvenWhenItForwards() throws Exception {
    configure("1006", forwarding("1003", null, null, 20, null, false));
    assertOk(callFailing("1006", 480).run());
    assertThat(onlyCall().status()).isEqualTo(480);
  }

  @Test
  void aForwardingLoopIsStoppedWith482() throws Exception {
    configure("1002", forwarding("1003", null, null, 20, null, false));
    configure("1003", forwarding("1004", null, null, 20, null, false));
    configure("1004", forwarding("1002", null, null, 20, null, false));
    assertOk(callFailing("1002", 482).run());
    assertThat(onlyCall().status()).isEqualTo(482);
  }

  @Test
  void followMeRingsTheDeskPhoneThenTheMobile() throws Exception {
    // 1002's desk phone rings 5 s, then follow-me rings the mobile (an outside number).
    configure(
        "1002",
        new AccountOptions(
            false,
            null,
            null,
            null,
            5,
            null,
            false,
            List.of(new AccountOptions.FollowMeStep("01701234567", 20))));
    Sipp.Running desk = phone(resource("proxy-uas-cancelled.xml"), "1002");
    Sipp.Running mobile = trunk("INVITE sip:\\+491701234567@trunk\\.test;user=phone SIP/2\\.0");
    assertOk(call("1002").run());
    assertOk(desk.await());
    assertOk(mobile.await());
    CallDetailRecord cdr = onlyCall();
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.toUri()).isEqualTo("sip:1002@a.test");
    assertThat(cdr.routing()).isEqualTo(Routing.FORWARDED);
    Duration rang = Duration.between(cdr.setupTime(), cdr.answerTime());
    assertThat(rang).isBetween(Duration.ofMillis(4_900), Duration.ofSeconds(15));
  }

  @Test
  void followMeStepsRingInTurnBeforeNoAnswerForwarding() throws Exception {
    configure(
        "1002",
        new AccountOptions(
            false,
            null,
            null,
            "1005",
            5,
            null,
            false,
            List.of(
                new AccountOptions.FollowMeStep("1003", 5),
                new AccountOptions.FollowMeStep("1004", 20))));
    Sipp.Running desk = phone(resource("proxy-uas-cancelled.xml"), "1002");
    Sipp.Running first = phone(resource("proxy-uas-cancelled.xml"), "1003");
    Sipp.Running second = answering("1004", "INVITE sip:1004@127\\.0\\.0\\.1:[0-9]+ SIP/2\\.0");
    assertOk(call("1002").run());
    assertOk(desk.await());
    assertOk(first.await());
    assertOk(second.await());
    CallDetailRecord cdr = onlyCall();
    assertThat(cdr.routing()).isEqualTo(Routing.FORWARDED);
    assertThat(cdr.answeredBy()).isEqualTo("sip:1004@a.test");
    // 5 s on the desk phone and 5 s on the first step before the second answered.
    Duration rang = Duration.between(cdr.setupTime(), cdr.answerTime());
    assertThat(rang).isBetween(Duration.ofMillis(9_800), Duration.ofSeconds(25));
  }

  // ----- dial plan: emergency numbers, tel: URIs

  private Sipp callerAs(Path scenario, String user, String password, String to) {
    return Sipp.scenario(scenario)
        .remote("127.0.0.1", port)
        .set("from", user)
        .set("fromdomain", DOMAIN)
        .set("to", to)
        .set("todomain", DOMAIN)
        .timeout(Duration.ofSeconds(30))
        .args("-au", user, "-ap", password);
  }

  @Test
  void anEmergencyNumberGoesToTheTrunkEvenFromADisabledAccount() throws Exception {
    // 1006 is disabled (say, for an unpaid bill): an ordinary call is refused ...
    assertOk(callerAs(filled("proxy-uac-fail.xml", "@STATUS@", "403"), "1006", "pw", "1002").run());
    // ... but 112 goes out through the tenant's trunk, first in the dial plan.
    Sipp.Running trunk = trunk("INVITE sip:112@trunk\\.test;user=phone SIP/2\\.0");
    assertOk(callerAs(resource("proxy-uac-call.xml"), "1006", "pw", "112").run());
    assertOk(trunk.await());
  }

  @Test
  void anEmergencyNumberWinsOverAnExtensionWithTheSameNumber() throws Exception {
    options.put("110", AccountOptions.DEFAULTS);
    directory.user(DOMAIN, "110", "pw");
    configure("110", AccountOptions.DEFAULTS);
    Sipp.Running extension = phone(resource("proxy-uas-answer.xml"), "110");
    Sipp.Running trunk = trunk("INVITE sip:110@trunk\\.test;user=phone SIP/2\\.0");
    assertOk(call("110").run());
    assertOk(trunk.await());
    extension.close();
    assertThat(extension.await().allSucceeded()).isFalse(); // the extension never rang
  }

  private Sipp telCaller(Path scenario, String number) {
    return Sipp.scenario(scenario)
        .remote("127.0.0.1", port)
        .set("from", "1001")
        .set("fromdomain", DOMAIN)
        .set("to", number)
        .timeout(Duration.ofSeconds(30))
        .args("-au", "1001", "-ap", "secret");
  }

  @Test
  void aTelUriIsDialledInTheCallersDialPlanAndGoesOutInE164() throws Exception {
    Path tel =
        Files.writeString(
            dir.resolve("uac-tel.xml"),
            Files.readString(resource("proxy-uac-call.xml"))
                .replace("sip:[$to]@[$todomain]", "tel:[$to]")
                .replace("from,fromdomain,to,todomain", "from,fromdomain,to"));
    Sipp.Running trunk = trunk("INVITE sip:\\+49301234567@trunk\\.test;user=phone SIP/2\\.0");
    assertOk(telCaller(tel, "030-1234567").run());
    assertOk(trunk.await());
    assertThat(onlyCall().status()).isEqualTo(200);

    // A global number in + form is taken as it is.
    sink.clear();
    Sipp.Running trunk2 = trunk("INVITE sip:\\+8613800000000@trunk\\.test;user=phone SIP/2\\.0");
    assertOk(telCaller(tel, "+8613800000000").run());
    assertOk(trunk2.await());
  }

  // ----- ring and hunt groups

  private void group(RingStrategy strategy, int memberSeconds, String finalDestination) {
    groups.add(
        new RingGroup(
            "600",
            "Sales",
            strategy,
            List.of("1002", "1003", "1004"),
            memberSeconds,
            60,
            finalDestination));
    pbx.put(tenant());
  }

  private void assertGroupCallAnsweredBy(String user) throws InterruptedException {
    CallDetailRecord cdr = onlyCall();
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.toUri()).isEqualTo("sip:600@a.test");
    assertThat(cdr.routing()).isEqualTo(Routing.GROUP);
    assertThat(cdr.answeredBy()).isEqualTo("sip:" + user + "@a.test");
  }

  @Test
  void aSimultaneousGroupRingsEveryMemberAndCancelsTheOthersWhenOneAnswers() throws Exception {
    group(RingStrategy.SIMULTANEOUS, 20, null);
    Sipp.Running first = phone(resource("proxy-uas-cancelled.xml"), "1002");
    Sipp.Running answers = answering("1003", "INVITE sip:1003@");
    Sipp.Running third = phone(resource("proxy-uas-cancelled.xml"), "1004");
    assertOk(call("600").run());
    assertOk(answers.await());
    assertOk(first.await());
    assertOk(third.await());
    assertGroupCallAnsweredBy("1003");
  }

  @Test
  void anInOrderGroupHuntsPastABusyMemberAndOneThatDoesNotAnswer() throws Exception {
    group(RingStrategy.IN_ORDER, 5, null);
    Sipp.Running busy = phone(resource("proxy-uas-busy.xml"), "1002");
    Sipp.Running away = phone(resource("proxy-uas-cancelled.xml"), "1003");
    Sipp.Running answers = answering("1004", "INVITE sip:1004@");
    assertOk(call("600").run());
    assertOk(busy.await());
    assertOk(away.await());
    assertOk(answers.await());
    CallDetailRecord cdr = onlyCall();
    assertGroupCallAnsweredBy("1004");
    // 1003 rang its member time of 5 s before the hunt went on.
    assertThat(Duration.between(cdr.setupTime(), cdr.answerTime()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
  }

  @Test
  void aRoundRobinGroupStartsEachCallOneMemberFurther() throws Exception {
    group(RingStrategy.ROUND_ROBIN, 20, null);
    Sipp.Running first = answering("1002", "INVITE sip:1002@");
    assertOk(call("600").run());
    assertOk(first.await());
    assertGroupCallAnsweredBy("1002");
    sink.clear();
    location.clear();
    Sipp.Running second = answering("1003", "INVITE sip:1003@");
    Sipp.Running notFirst = phone(resource("proxy-uas-answer.xml"), "1002");
    assertOk(call("600").run());
    assertOk(second.await());
    assertGroupCallAnsweredBy("1003");
    notFirst.close();
    assertThat(notFirst.await().allSucceeded()).isFalse(); // the second call began at 1003
  }

  @Test
  void aGroupNobodyAnswersEndsAtItsFinalDestination() throws Exception {
    group(RingStrategy.SIMULTANEOUS, 5, "1005");
    Sipp.Running first = phone(resource("proxy-uas-busy.xml"), "1002");
    Sipp.Running second = phone(resource("proxy-uas-cancelled.xml"), "1003");
    // 1004 has no phone registered: the group rings the other two.
    Sipp.Running operator = answering("1005", "INVITE sip:1005@");
    assertOk(call("600").run());
    assertOk(first.await());
    assertOk(second.await());
    assertOk(operator.await());
    assertGroupCallAnsweredBy("1005");
  }

  @Test
  void aCallFromOutsidePosingAsAGroupsQueueDoesNotRingTheMembers() throws Exception {
    groups.add(
        new RingGroup(
            "600",
            "Sales",
            RingStrategy.SIMULTANEOUS,
            List.of("1002"),
            20,
            60,
            null,
            new dev.switchboard.store.pbx.GroupQueue(true, 60, 5)));
    pbx.put(tenant());
    features.serviceNumbers((d, n) -> pbx.group(d, n).map(g -> g.queue().enabled()).orElse(false));
    try (SipProbe caller = new SipProbe(port);
        SipProbe member = new SipProbe(port)) {
      location.bind("1002", DOMAIN, member.port(), 1000);
      String from = "<sip:1001@" + PbxRouting.QUEUE_LEG_HOST + ">;tag=" + SipProbe.token();
      SipRequest invite =
          SipProbe.parseRequest(
              caller.request("INVITE", "sip:600@a.test", from, "<sip:600@a.test>"));
      // The queue's own From host, but not sent by the node: the queue's to take (this stack has
      // no queue service, so 480), never the members' phones directly.
      SipResponse r = caller.sendUntilAnswered(invite);
      assertThat(r).isNotNull();
      assertThat(r.status()).isEqualTo(480);
      assertThat(member.awaitRequest("INVITE", Duration.ofMillis(800))).isNull();

      // The same call to the group without its queue rings the member.
      features.serviceNumbers((d, n) -> false);
      caller.send(caller.request("INVITE", "sip:600@a.test", from, "<sip:600@a.test>"));
      assertThat(member.awaitRequest("INVITE", Duration.ofSeconds(5))).isNotNull();
    }
  }

  // ----- messages that wait

  private String message(SipProbe sender, String to, String text) {
    return sender.request(
            "MESSAGE",
            "sip:" + to + "@a.test",
            "<sip:1001@a.test>;tag=" + SipProbe.token(),
            "<sip:" + to + "@a.test>",
            "Content-Type: text/plain;charset=utf-8",
            "Content-Length: " + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        + text;
  }

  @Test
  void aMessageToAnOfflineExtensionIsKeptAndDeliveredInOrderWhenItRegisters() throws Exception {
    try (SipProbe sender = new SipProbe(port);
        SipProbe phone = new SipProbe(port)) {
      for (String text : List.of("first: call me", "second: 你好")) {
        SipRequest sent = sender.sendAuthorized(message(sender, "1002", text), "1001", "secret");
        assertThat(sent).isNotNull();
        SipResponse r = sender.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(202);
      }
      assertThat(phone.awaitRequest("MESSAGE", Duration.ofMillis(800))).isNull();

      location.bind("1002", DOMAIN, phone.port(), 1000); // the phone registers
      for (String text : List.of("first: call me", "second: 你好")) {
        SipRequest got = phone.awaitRequest("MESSAGE", Duration.ofSeconds(5));
        assertThat(got).as("kept message " + text).isNotNull();
        assertThat(new String(got.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(got.from().uri().toString()).isEqualTo("sip:1001@a.test");
        assertThat(got.to().uri().toString()).isEqualTo("sip:1002@a.test");
        assertThat(got.header("Date")).isNotNull();
        phone.send(got.createResponse(200, null));
      }
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> mailbox.all.values().stream().allMatch(m -> m.status().equals("delivered")));
      assertThat(mailbox.all).hasSize(2);
    }
  }

  @Test
  void aMessageFromSomeoneWhoDoesNotAuthenticateIsNotKept() throws Exception {
    try (SipProbe sender = new SipProbe(port)) {
      SipRequest m = SipProbe.parseRequest(message(sender, "1002", "spam"));
      SipResponse r = sender.sendUntilAnswered(m);
      assertThat(r.status()).isEqualTo(407);
      assertThat(mailbox.all).isEmpty();
    }
  }

  // ----- presence

  /** The next NOTIFY of {@code callId} whose PIDF holds {@code basic} and whose state starts so. */
  private static SipRequest notifyOf(SipProbe watcher, String callId, String basic, String state) {
    return notifyWith(watcher, callId, "<basic>" + basic + "</basic>", state);
  }

  private static SipRequest notifyWith(
      SipProbe watcher, String callId, String content, String state) {
    SipProbe.Received r =
        watcher.await(
            m ->
                m instanceof SipRequest q
                    && q.isMethod("NOTIFY")
                    && q.callId().equals(callId)
                    && new String(q.body(), java.nio.charset.StandardCharsets.UTF_8)
                        .contains(content)
                    && q.header("Subscription-State").startsWith(state),
            Duration.ofSeconds(5));
    assertThat(r).as("NOTIFY " + content + " " + state).isNotNull();
    SipRequest n = (SipRequest) r.message();
    watcher.send(n.createResponse(200, null));
    return n;
  }

  @Test
  void aWatcherIsToldWhenAnExtensionRegistersGoesAwayAndPublishesItsOwnState() throws Exception {
    try (SipProbe watcher = new SipProbe(port)) {
      String subscribe =
          watcher.request(
              "SUBSCRIBE",
              "sip:1002@a.test",
              "<sip:1001@a.test>;tag=w" + SipProbe.token(),
              "<sip:1002@a.test>",
              "Event: presence",
              "Accept: application/pidf+xml",
              "Expires: 600",
              "Content-Length: 0");
      SipRequest sent = watcher.sendAuthorized(subscribe, "1001", "secret");
      assertThat(sent).isNotNull();
      SipResponse ok = watcher.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("Expires")).isEqualTo("600");
      String callId = sent.callId();

      SipRequest first = notifyOf(watcher, callId, "closed", "active");
      assertThat(first.header("Event")).isEqualTo("presence");
      assertThat(first.contentType()).startsWith("application/pidf+xml");
      assertThat(first.from().tag()).isEqualTo(ok.to().tag());

      location.bind("1002", DOMAIN, 9, 1000); // 1002's phone registers
      notifyOf(watcher, callId, "open", "active");
      location.clear(); // and goes away
      notifyOf(watcher, callId, "closed", "active");

      // 1002's phone publishes its own state: watchers see that instead, until it is removed.
      try (SipProbe phone = new SipProbe(port)) {
        String doc =
            PresenceServer.pidf("sip:1002@a.test", true)
                .replace("</tuple>", "<note>In a meeting</note></tuple>");
        String publish =
            phone.request(
                    "PUBLISH",
                    "sip:1002@a.test",
                    "<sip:1002@a.test>;tag=p" + SipProbe.token(),
                    "<sip:1002@a.test>",
                    "Event: presence",
                    "Expires: 300",
                    "Content-Type: application/pidf+xml",
                    "Content-Length: "
                        + doc.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                + doc;
        SipRequest published = phone.sendAuthorized(publish, "1002", "pw");
        SipResponse accepted =
            phone.response(published.callId(), published.cseq().number(), Duration.ofSeconds(5));
        assertThat(accepted.status()).isEqualTo(200);
        String etag = accepted.header("SIP-ETag");
        assertThat(etag).isNotBlank();
        notifyWith(watcher, callId, "In a meeting", "active");

        String remove =
            phone.request(
                "PUBLISH",
                "sip:1002@a.test",
                "<sip:1002@a.test>;tag=p" + SipProbe.token(),
                "<sip:1002@a.test>",
                "Event: presence",
                "Expires: 0",
                "SIP-If-Match: " + etag,
                "Content-Length: 0");
        SipRequest removing = phone.sendAuthorized(remove, "1002", "pw");
        assertThat(
                phone
                    .response(removing.callId(), removing.cseq().number(), Duration.ofSeconds(5))
                    .status())
            .isEqualTo(200);
        notifyOf(watcher, callId, "closed", "active");
      }

      // The watcher ends the subscription inside its dialog, at the Contact we gave.
      String unsubscribe =
          watcher.request(
              "SUBSCRIBE",
              ok.contacts().get(0).uri().toString(),
              sent.header("From"),
              ok.header("To"),
              callId,
              sent.cseq().number() + 1,
              "Event: presence",
              "Expires: 0",
              "Content-Length: 0");
      SipResponse ended = watcher.sendUntilAnswered(SipProbe.parseRequest(unsubscribe));
      assertThat(ended.status()).isEqualTo(200);
      notifyOf(watcher, callId, "closed", "terminated");
    }
  }

  @Test
  void aBusyLampFollowsTheExtensionsCallFromRingingToHangUp() throws Exception {
    Sipp.Running phone = phone(resource("proxy-uas-answer.xml"), "1002");
    try (SipProbe lamp = new SipProbe(port)) {
      String subscribe =
          lamp.request(
              "SUBSCRIBE",
              "sip:1002@a.test",
              "<sip:1004@a.test>;tag=b" + SipProbe.token(),
              "<sip:1002@a.test>",
              "Event: dialog",
              "Accept: application/dialog-info+xml",
              "Expires: 600",
              "Content-Length: 0");
      SipRequest sent = lamp.sendAuthorized(subscribe, "1004", "pw");
      SipResponse ok = lamp.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
      assertThat(ok.status()).isEqualTo(200);
      String idle = "entity=\"sip:1002@a.test\">\n</dialog-info>";
      SipRequest first = notifyWith(lamp, sent.callId(), idle, "active");
      assertThat(first.header("Event")).isEqualTo("dialog");
      assertThat(first.contentType()).startsWith("application/dialog-info+xml");

      Sipp.Running caller = call("1002").start();
      open.add(caller);
      notifyWith(
          lamp,
          sent.callId(),
          "direction=\"recipient\"><state>confirmed</state>",
          "active"); // the lamp lights
      assertOk(caller.await());
      assertOk(phone.await());
      notifyWith(lamp, sent.callId(), idle, "active"); // and goes out after the BYE
    }
  }

  @Test
  void aSubscriberWhoDoesNotAuthenticateIsChallenged() throws Exception {
    try (SipProbe watcher = new SipProbe(port)) {
      SipRequest s =
          SipProbe.parseRequest(
              watcher.request(
                  "SUBSCRIBE",
                  "sip:1002@a.test",
                  "<sip:1001@a.test>;tag=x",
                  "<sip:1002@a.test>",
                  "Event: presence",
                  "Content-Length: 0"));
      assertThat(watcher.sendUntilAnswered(s).status()).isEqualTo(407);
    }
  }

  /** 1002's phone {@code phone} publishes {@code doc} (or refreshes/removes with {@code etag}). */
  private static SipResponse publish(SipProbe phone, String doc, int expires, String etag) {
    List<String> headers = new ArrayList<>(List.of("Event: presence", "Expires: " + expires));
    if (etag != null) {
      headers.add("SIP-If-Match: " + etag);
    }
    byte[] body = doc == null ? new byte[0] : doc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (doc != null) {
      headers.add("Content-Type: application/pidf+xml");
    }
    headers.add("Content-Length: " + body.length);
    String text =
        phone.request(
                "PUBLISH",
                "sip:1002@a.test",
                "<sip:1002@a.test>;tag=p" + SipProbe.token(),
                "<sip:1002@a.test>",
                headers.toArray(String[]::new))
            + (doc == null ? "" : doc);
    SipRequest sent = phone.sendAuthorized(text, "1002", "pw");
    return phone.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
  }

  /** A presence subscription of {@code user@domain} to 1002, answered; returns its Call-ID. */
  private static SipResponse subscribeTo1002(
      SipProbe watcher, String user, String domain, String password) {
    String subscribe =
        watcher.request(
            "SUBSCRIBE",
            "sip:1002@a.test",
            "<sip:" + user + "@" + domain + ">;tag=w" + SipProbe.token(),
            "<sip:1002@a.test>",
            "Event: presence",
            "Accept: application/pidf+xml",
            "Expires: 600",
            "Content-Length: 0");
    SipRequest sent = watcher.sendAuthorized(subscribe, user, password);
    if (sent == null) {
      return watcher.sendUntilAnswered(SipProbe.parseRequest(subscribe));
    }
    return watcher.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
  }

  private static String note(String text) {
    return PresenceServer.pidf("sip:1002@a.test", !text.startsWith("away"))
        .replace("</tuple>", "<note>" + text + "</note></tuple>");
  }

  @Test
  void twoPhonesPublicationsAreComposedAndOneExpiringLeavesTheOther() throws Exception {
    try (SipProbe watcher = new SipProbe(port);
        SipProbe desk = new SipProbe(port);
        SipProbe mobile = new SipProbe(port)) {
      SipResponse ok = subscribeTo1002(watcher, "1001", "a.test", "secret");
      assertThat(ok.status()).isEqualTo(200);
      String callId = ok.callId();
      notifyOf(watcher, callId, "closed", "active");

      SipResponse deskOk = publish(desk, note("at my desk"), 300, null);
      assertThat(deskOk.status()).isEqualTo(200);
      notifyWith(watcher, callId, "at my desk", "active");
      SipResponse mobileOk = publish(mobile, note("away on the mobile"), 2, null);
      assertThat(mobileOk.status()).isEqualTo(200);
      assertThat(mobileOk.header("SIP-ETag")).isNotEqualTo(deskOk.header("SIP-ETag"));
      // Both publishers' tuples in one document, the newest first, ids made unique.
      SipRequest both = notifyWith(watcher, callId, "away on the mobile", "active");
      String doc = new String(both.body(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(doc)
          .containsSubsequence("away on the mobile", "at my desk")
          .contains("id=\"reg\"", "id=\"reg-2\"");
      assertThat(doc.indexOf("<presence")).isEqualTo(doc.lastIndexOf("<presence"));

      // The mobile's publication (2 s) expires: watchers see the desk's alone again.
      SipRequest after = notifyWith(watcher, callId, "at my desk", "active");
      assertThat(new String(after.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("mobile");
      // A refresh of the expired one is refused; removing the desk's reverts to registration.
      assertThat(publish(mobile, null, 60, mobileOk.header("SIP-ETag")).status()).isEqualTo(412);
      assertThat(publish(desk, null, 0, deskOk.header("SIP-ETag")).status()).isEqualTo(200);
      SipRequest reverted = notifyOf(watcher, callId, "closed", "active");
      assertThat(new String(reverted.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("<note>");
      assertThat(publish(desk, null, 0, null).status()).isEqualTo(400);
    }
  }

  @Test
  void aWatcherOfAnotherTenantIsRefusedUnlessTheTenantAllowsItsDomain() throws Exception {
    try (SipProbe watcher = new SipProbe(port)) {
      SipResponse refused = subscribeTo1002(watcher, "1001", "b.test", "other");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.reason()).contains("b.test");

      presenceDomains = List.of("b.test");
      pbx.put(tenant());
      SipResponse ok = subscribeTo1002(watcher, "1001", "b.test", "other");
      assertThat(ok.status()).isEqualTo(200);
      notifyOf(watcher, ok.callId(), "closed", "active");
    }
  }

  @Test
  void aWatcherSeesTheExtensionOnThePhoneWhileItsCallIsAnswered() throws Exception {
    Sipp.Running phone = phone(resource("proxy-uas-answer.xml"), "1002");
    try (SipProbe watcher = new SipProbe(port)) {
      SipResponse ok = subscribeTo1002(watcher, "1001", "a.test", "secret");
      assertThat(ok.status()).isEqualTo(200);
      SipRequest idle = notifyOf(watcher, ok.callId(), "open", "active");
      assertThat(new String(idle.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("on-the-phone");
      Sipp.Running caller = call("1002").start();
      open.add(caller);
      notifyWith(watcher, ok.callId(), "<rpid:on-the-phone/>", "active");
      assertOk(caller.await());
      assertOk(phone.await());
      SipRequest after = notifyOf(watcher, ok.callId(), "open", "active");
      assertThat(new String(after.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("on-the-phone");
    }
  }

  // ----- transfer

  @Test
  void aBlindTransferThroughTheProxyKeepsReferredByAndIsRecorded() throws Exception {
    Path transferor =
        Files.writeString(
            dir.resolve("transferor.xml"),
            Files.readString(resource("pbx-uas-transferor.xml"))
                .replace("@TARGET@", "sip:1003@a.test")
                .replace("@USER@", "1002")
                .replace("@DOMAIN@", DOMAIN));
    Sipp.Running bob = phone(transferor, "1002");
    Sipp.Running carol = answering("1003", "Referred-By: *<sip:1002@a\\.test>");
    assertOk(caller(resource("pbx-uac-transferee.xml"), "1002").run());
    assertOk(bob.await());
    assertOk(carol.await());

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sink.calls().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    CallDetailRecord first = onlyCallTo("1002");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.routing()).isEqualTo(Routing.DIRECT);
    CallDetailRecord transferred = onlyCallTo("1003");
    assertThat(transferred.status()).isEqualTo(200);
    assertThat(transferred.fromUri()).isEqualTo("sip:1001@a.test");
    assertThat(transferred.routing()).isEqualTo(Routing.TRANSFER);
    assertThat(transferred.referredBy()).isEqualTo("<sip:1002@a.test>");
    assertThat(transferred.answeredBy()).isEqualTo("sip:1003@a.test");
  }

  @Test
  void anInviteWithReplacesReachesThePhoneEvenInDndOrForwarding() throws Exception {
    // The last step of an attended transfer: 1001 replaces the call 1003's phone has with the
    // transferor; 1003 turned on DND (forwarded to 1004) during that call.
    configure("1003", forwarding("1004", "1004", null, 20, null, true));
    Sipp.Running carol =
        answering("1003", "Replaces: b2c-call@127\\.0\\.0\\.1;to-tag=c1;from-tag=b1");
    Path replacing =
        Files.writeString(
            dir.resolve("replacing.xml"),
            Files.readString(resource("proxy-uac-call.xml"))
                .replace(
                    "      Contact: <sip:[$from]@[local_ip]:[local_port]>\n",
                    "      Contact: <sip:[$from]@[local_ip]:[local_port]>\n"
                        + "      Replaces: b2c-call@127.0.0.1;to-tag=c1;from-tag=b1\n"));
    assertOk(caller(replacing, "1003").run());
    assertOk(carol.await());
    CallDetailRecord cdr = onlyCallTo("1003");
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.routing()).isEqualTo(Routing.TRANSFER);
  }

  // ----- feature codes and call pickup

  /**
   * {@code user} dials {@code code} from {@code phone}; returns the final answer (ACKed, as a phone
   * does).
   */
  private static SipResponse dial(SipProbe phone, String user, String password, String code) {
    String invite =
        phone.request(
            "INVITE",
            "sip:" + code + "@a.test",
            "<sip:" + user + "@a.test>;tag=f" + SipProbe.token(),
            "<sip:" + code + "@a.test>",
            "Content-Length: 0");
    SipRequest sent = phone.sendAuthorized(invite, user, password);
    assertThat(sent).as("challenged for " + code).isNotNull();
    SipResponse r = phone.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
    assertThat(r).as("answer to " + code).isNotNull();
    phone.send(
        SipProbe.crlf(
            "ACK sip:"
                + code
                + "@a.test SIP/2.0\n"
                + "Via: "
                + sent.header("Via")
                + "\nMax-Forwards: 70\nFrom: "
                + sent.header("From")
                + "\nTo: "
                + r.header("To")
                + "\nCall-ID: "
                + sent.callId()
                + "\nCSeq: "
                + sent.cseq().number()
                + " ACK\nContent-Length: 0\n\n"));
    return r;
  }

  private static void assertDone(SipResponse r, String reason) {
    assertThat(r.status()).isEqualTo(FeatureCodes.DONE);
    assertThat(r.reason()).isEqualTo(reason);
  }

  @Test
  void dndFeatureCodesSwitchDndDurablyAndCallsFollow() throws Exception {
    try (SipProbe bob = new SipProbe(port)) {
      assertDone(dial(bob, "1002", "pw", "*78"), "Do not disturb on");
      assertThat(options.get("1002").doNotDisturb()).isTrue(); // written to the source
      Sipp.Running bobPhone = phone(resource("proxy-uas-answer.xml"), "1002");
      assertOk(callFailing("1002", 486).run());
      sink.clear();

      assertDone(dial(bob, "1002", "pw", "*79"), "Do not disturb off");
      assertThat(options.get("1002").doNotDisturb()).isFalse();
      assertOk(call("1002").run());
      assertOk(bobPhone.await());
    }
  }

  @Test
  void forwardAlwaysFeatureCodesSetAndClearTheForwarding() throws Exception {
    try (SipProbe bob = new SipProbe(port)) {
      SipResponse incomplete = dial(bob, "1002", "pw", "*72");
      assertThat(incomplete.status()).isEqualTo(484);
      assertThat(incomplete.reason()).contains("dial the code, then the number");
      assertThat(options.get("1002").forwardUnconditional()).isNull();

      assertDone(dial(bob, "1002", "pw", "*721003"), "Forward always to 1003");
      assertThat(options.get("1002").forwardUnconditional()).isEqualTo("1003");
      Sipp.Running carol = answering("1003", diversion("1002", "unconditional"));
      assertOk(call("1002").run());
      assertOk(carol.await());
      assertForwardedTo(onlyCallTo("1002"), "1003");

      assertDone(dial(bob, "1002", "pw", "*73"), "Forward always off");
      assertThat(options.get("1002").forwardUnconditional()).isNull();
    }
  }

  @Test
  void aFeatureCodeChangesOnlyTheCallersOwnExtension() throws Exception {
    try (SipProbe bob = new SipProbe(port)) {
      // A code acts on the extension that dials it, never on another.
      assertDone(dial(bob, "1001", "secret", "*78"), "Do not disturb on");
      assertThat(options.get("1002").doNotDisturb()).isFalse();
      assertThat(options.get("1001").doNotDisturb()).isTrue();
    }
  }

  @Test
  void pickupTakesACallRingingAnotherExtensionAndCancelsItsPhone() throws Exception {
    Sipp.Running bobPhone = phone(resource("proxy-uas-cancelled.xml"), "1002");
    Sipp.Running caller = call("1002").start();
    open.add(caller);
    try (SipProbe carol = new SipProbe(port)) {
      location.bind("1003", DOMAIN, carol.port(), 1000);
      SipResponse picked = awaitPickup(carol, "*8");
      assertDone(picked, "Picked up 1002@a.test");
      answerPickedCall(carol);
    }
    assertOk(caller.await());
    assertOk(bobPhone.await()); // 1002's phone rang and was cancelled
    CallDetailRecord cdr = onlyCallTo("1002");
    assertThat(cdr.status()).isEqualTo(200);
    assertThat(cdr.toUri()).isEqualTo("sip:1002@a.test");
    assertThat(cdr.routing()).isEqualTo(Routing.PICKUP);
    assertThat(cdr.answeredBy()).isEqualTo("sip:1003@a.test");
  }

  @Test
  void pickupReachesOnlyTheCallsOfThePickersOwnGroups() throws Exception {
    // Sales is 1002 and 1003; Support is 1004 and 1005: each group picks up its own calls.
    groups.add(
        new RingGroup(
            "600", "Sales", RingStrategy.SIMULTANEOUS, List.of("1002", "1003"), 20, 60, null));
    groups.add(
        new RingGroup(
            "601", "Support", RingStrategy.SIMULTANEOUS, List.of("1004", "1005"), 20, 60, null));
    pbx.put(tenant());
    Sipp.Running bobPhone = phone(resource("proxy-uas-cancelled.xml"), "1002");
    try (SipProbe lamp = new SipProbe(port);
        SipProbe dave = new SipProbe(port);
        SipProbe carol = new SipProbe(port)) {
      String lampCall = watchDialogs(lamp, "1002");
      Sipp.Running caller = call("1002").start();
      open.add(caller);
      notifyWith(lamp, lampCall, "<state>early</state>", "active"); // 1002 is ringing

      location.bind("1004", DOMAIN, dave.port(), 1000);
      SipResponse notOurs = dial(dave, "1004", "pw", "*8");
      assertThat(notOurs.status()).isEqualTo(480);
      assertThat(notOurs.reason()).isEqualTo("No call to pick up");

      location.bind("1003", DOMAIN, carol.port(), 1000);
      assertDone(awaitPickup(carol, "*8"), "Picked up 1002@a.test");
      answerPickedCall(carol);
      assertOk(caller.await());
    }
    assertOk(bobPhone.await());
    assertThat(onlyCallTo("1002").answeredBy()).isEqualTo("sip:1003@a.test");
  }

  /** {@code lamp} watches {@code user}'s dialogs as 1004; the subscription's Call-ID. */
  private String watchDialogs(SipProbe lamp, String user) {
    String subscribe =
        lamp.request(
            "SUBSCRIBE",
            "sip:" + user + "@a.test",
            "<sip:1004@a.test>;tag=b" + SipProbe.token(),
            "<sip:" + user + "@a.test>",
            "Event: dialog",
            "Accept: application/dialog-info+xml",
            "Expires: 600",
            "Content-Length: 0");
    SipRequest sent = lamp.sendAuthorized(subscribe, "1004", "pw");
    SipResponse ok = lamp.response(sent.callId(), sent.cseq().number(), Duration.ofSeconds(5));
    assertThat(ok.status()).isEqualTo(200);
    return sent.callId();
  }

  @Test
  void directedPickupTakesOnlyTheNamedExtensionsCall() throws Exception {
    try (SipProbe carol = new SipProbe(port)) {
      location.bind("1003", DOMAIN, carol.port(), 1000);
      SipResponse none = dial(carol, "1003", "pw", "**1002");
      assertThat(none.status()).isEqualTo(480);
      assertThat(none.reason()).isEqualTo("No call to pick up");
      assertThat(dial(carol, "1003", "pw", "**1999").status()).isEqualTo(404);

      Sipp.Running bobPhone = phone(resource("proxy-uas-cancelled.xml"), "1002");
      Sipp.Running caller = call("1002").start();
      open.add(caller);
      assertDone(awaitPickup(carol, "**1002"), "Picked up 1002@a.test");
      answerPickedCall(carol);
      assertOk(caller.await());
      assertOk(bobPhone.await());
    }
    assertThat(onlyCallTo("1002").routing()).isEqualTo(Routing.PICKUP);
  }

  /** 1003 dials {@code code} until a call is ringing to be picked up (SIPp needs a moment). */
  private static SipResponse awaitPickup(SipProbe carol, String code) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    SipResponse r = dial(carol, "1003", "pw", code);
    while (r.status() == 480 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      r = dial(carol, "1003", "pw", code);
    }
    return r;
  }

  /**
   * The picker's phone gets the caller's INVITE, marked to answer at once, answers and hangs up.
   */
  private static void answerPickedCall(SipProbe carol) {
    SipRequest invite = carol.awaitRequest("INVITE", Duration.ofSeconds(5));
    assertThat(invite).as("the picked-up call reaches the picker").isNotNull();
    assertThat(invite.header("From")).contains("sip:1001@a.test");
    assertThat(invite.header("Call-Info")).contains("answer-after=0");
    SipResponse ok = invite.createResponse(200, null);
    ok.setTo(ok.to().withTag("carol" + SipProbe.token()));
    ok.setHeader("Contact", "<sip:1003@127.0.0.1:" + carol.port() + ">");
    if (invite.header("Record-Route") != null) {
      ok.setHeader("Record-Route", invite.header("Record-Route"));
    }
    ok.setBody(
        ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40010 RTP/AVP 0\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "application/sdp");
    carol.send(ok);
    assertThat(carol.awaitRequest("ACK", invite.callId(), Duration.ofSeconds(5))).isNotNull();
    SipRequest bye = carol.awaitRequest("BYE", invite.callId(), Duration.ofSeconds(5));
    assertThat(bye).isNotNull();
    carol.send(bye.createResponse(200, null));
  }
}
