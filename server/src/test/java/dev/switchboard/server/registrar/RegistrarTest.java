package dev.switchboard.server.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.usage.RegistrationEvent.Kind;
import dev.switchboard.sip.auth.DigestClient;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.store.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registrar's rules, one RFC 3261 §10.3 step (or policy) per test, on H2. */
class RegistrarTest {

  static final String AOR = "sip:1001@a.test";
  static final String C1 = "Contact: <sip:1001@10.0.0.1:5060>";
  static final String C2 = "Contact: <sip:1001@10.0.0.2:5060>;q=0.5";

  @TempDir Path tmp;
  RegistrarFixture f;

  @BeforeEach
  void start() {
    f =
        new RegistrarFixture(
            TestDatabases.h2(tmp), new RegistrarConfig(3600, 60, 7200, 3), tmp.resolve("location"));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  List<Binding> bindings() {
    return f.module.locations().lookup(AOR);
  }

  @Test
  void challengesWithSha256ThenMd5AndRegistersOnTheAuthorizedRetry() {
    SipResponse challenge = f.send(f.request("1001", "a.test", "c1", 1, C1));
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.to().tag()).isNotNull();
    List<String> offers = challenge.headers().all(HeaderNames.WWW_AUTHENTICATE);
    assertThat(offers).hasSize(2);
    assertThat(offers.get(0)).contains("realm=\"a.test\"").contains("SHA-256");
    assertThat(offers.get(1)).contains("MD5");
    assertThat(bindings()).isEmpty();

    SipRequest retry = f.request("1001", "a.test", "c1", 2, C1);
    new DigestClient().authorize(retry, challenge, "1001", RegistrarFixture.PASSWORD);
    SipResponse ok = f.send(retry);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header(HeaderNames.DATE)).endsWith("GMT");
    assertThat(ok.contacts()).hasSize(1);
    assertThat(ok.contacts().get(0).param("expires")).isEqualTo("3600");
    assertThat(bindings())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.contact().uri().toString()).isEqualTo("sip:1001@10.0.0.1:5060");
              assertThat(b.source()).isEqualTo(f.source);
              assertThat(b.userAgent()).isEqualTo("test-phone/1.0");
              assertThat(b.cseq()).isEqualTo(2);
            });
    assertThat(f.eventKinds()).containsExactly(Kind.ADDED);
  }

  @Test
  void wrongPasswordAndUnknownUserAreBothChallengedAgain() {
    assertThat(f.register("1001", "a.test", "wrong-password", "c1", 1, C1).status()).isEqualTo(401);
    assertThat(
            f.register("9999", "a.test", "whatever-pw", "c2", 1, "Contact: <sip:9999@h>").status())
        .isEqualTo(401);
    assertThat(bindings()).isEmpty();
  }

  @Test
  void foreignDomainAndMismatchedToAreNotFound() {
    assertThat(f.send(f.request("1001", "other.test", "c1", 1, C1)).status()).isEqualTo(404);
    SipRequest r = f.request("1001", "a.test", "c1", 1, C1);
    r.setHeader(HeaderNames.TO, "<sip:1001@other.test>");
    assertThat(f.send(r).status()).isEqualTo(404);
  }

  @Test
  void aUserMayRegisterOnlyItsOwnAor() {
    SipResponse challenge = f.send(f.request("1002", "a.test", "c1", 1, C1));
    SipRequest retry = f.request("1002", "a.test", "c1", 2, C1);
    // 1001's valid credentials on a REGISTER for 1002.
    new DigestClient().authorize(retry, challenge, "1001", RegistrarFixture.PASSWORD);
    assertThat(f.send(retry).status()).isEqualTo(403);
  }

  @Test
  void disabledAccountAndSuspendedTenantAreForbidden() {
    assertThat(f.register("1003", "c1", 1, C1).status()).isEqualTo(403);
    assertThat(
            f.register("2001", "s.test", RegistrarFixture.PASSWORD, "c2", 1, "Contact: <sip:x@h>")
                .status())
        .isEqualTo(403);
  }

  @Test
  void expiresParameterWinsOverHeaderAndIsCappedAtTheMaximum() {
    SipResponse ok =
        f.register(
            "1001",
            "c1",
            1,
            "Expires: 300",
            "Contact: <sip:1001@10.0.0.1>, <sip:1001@10.0.0.2>;expires=100000");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.contacts())
        .extracting(a -> a.uri().toString() + " " + a.param("expires"))
        .containsExactlyInAnyOrder("sip:1001@10.0.0.1 300", "sip:1001@10.0.0.2 7200");
  }

  @Test
  void tooBriefIs423WithMinExpires() {
    SipResponse r = f.register("1001", "c1", 1, "Expires: 30", C1);
    assertThat(r.status()).isEqualTo(423);
    assertThat(r.header(HeaderNames.MIN_EXPIRES)).isEqualTo("60");
    assertThat(bindings()).isEmpty();
  }

  @Test
  void severalContactsOrderedByQAndEchoedWithQ() {
    SipResponse ok = f.register("1001", "c1", 1, C1, C2);
    assertThat(ok.contacts()).hasSize(2);
    assertThat(bindings()).extracting(Binding::qMillis).containsExactly(1000, 500);
    assertThat(ok.contacts()).anySatisfy(a -> assertThat(a.param("q")).isEqualTo("0.5"));
    assertThat(f.register("1001", "c2", 1, "Contact: <sip:1001@h>;q=1.5").status()).isEqualTo(400);
  }

  @Test
  void refreshAndRemoveOneContact() {
    f.register("1001", "c1", 1, C1, C2);
    // In the next quarter hour, so usage hears of the refresh (it hears of one per quarter).
    f.clock.advance(Duration.ofMinutes(16));
    SipResponse refreshed = f.register("1001", "c1", 3, C1);
    assertThat(refreshed.contacts()).hasSize(2);
    SipResponse removed =
        f.register("1001", "c1", 5, "Contact: <sip:1001@10.0.0.2:5060>;expires=0");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.contacts())
        .singleElement()
        .satisfies(a -> assertThat(a.uri().toString()).isEqualTo("sip:1001@10.0.0.1:5060"));
    assertThat(f.eventKinds())
        .containsExactly(Kind.ADDED, Kind.ADDED, Kind.REFRESHED, Kind.REMOVED);
  }

  @Test
  void sameCallIdWithoutHigherCSeqFailsTheWholeRequest() {
    f.register("1001", "c1", 10, C1);
    // CSeq 11 was stored; a request with CSeq 6+1=7 on the same Call-ID is out of order.
    SipResponse stale = f.register("1001", "c1", 6, C1, C2);
    assertThat(stale.status()).isEqualTo(500);
    assertThat(bindings()).hasSize(1);
    // Another Call-ID (a rebooted phone) may update regardless of CSeq.
    assertThat(f.register("1001", "other", 1, C1).status()).isEqualTo(200);
  }

  @Test
  void wildcardRemovesAllOnlyWithExpiresZero() {
    f.register("1001", "c1", 1, C1, C2);
    assertThat(f.register("1001", "c1", 3, "Contact: *").status()).isEqualTo(400);
    assertThat(f.register("1001", "c1", 5, "Contact: *", "Expires: 0", C1).status()).isEqualTo(400);
    SipResponse ok = f.register("1001", "c1", 7, "Contact: *", "Expires: 0");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.contacts()).isEmpty();
    assertThat(bindings()).isEmpty();
    assertThat(f.eventKinds()).containsExactly(Kind.ADDED, Kind.ADDED, Kind.REMOVED, Kind.REMOVED);
  }

  @Test
  void aQueryListsTheBindingsWithoutChangingThem() {
    f.register("1001", "c1", 1, C1);
    f.clock.advance(Duration.ofSeconds(600));
    SipResponse q = f.register("1001", "c9", 1);
    assertThat(q.status()).isEqualTo(200);
    assertThat(q.contacts())
        .singleElement()
        .satisfies(a -> assertThat(a.param("expires")).isEqualTo("3000"));
    assertThat(f.eventKinds()).containsExactly(Kind.ADDED);
  }

  @Test
  void pathIsStoredAndEchoedOnlyWhenSupported() {
    SipResponse ok =
        f.register("1001", "c1", 1, C1, "Path: <sip:edge.a.test;lr>", "Supported: path");
    assertThat(ok.headers().all(HeaderNames.PATH)).containsExactly("<sip:edge.a.test;lr>");
    assertThat(bindings().get(0).path()).hasSize(1);

    SipResponse quiet = f.register("1001", "c2", 1, C2, "Path: <sip:edge.a.test;lr>");
    assertThat(quiet.headers().all(HeaderNames.PATH)).isEmpty();
    assertThat(bindings()).allSatisfy(b -> assertThat(b.path()).hasSize(1));
  }

  @Test
  void overTheContactLimitTheOldestUntouchedBindingGoes() {
    f.register("1001", "c1", 1, "Contact: <sip:1001@10.0.0.1>");
    f.clock.advance(Duration.ofSeconds(1));
    f.register("1001", "c2", 1, "Contact: <sip:1001@10.0.0.2>");
    f.clock.advance(Duration.ofSeconds(1));
    f.register("1001", "c3", 1, "Contact: <sip:1001@10.0.0.3>");
    f.clock.advance(Duration.ofSeconds(1));
    f.register("1001", "c4", 1, "Contact: <sip:1001@10.0.0.4>");
    assertThat(bindings())
        .extracting(b -> b.contact().uri().toString())
        .containsExactlyInAnyOrder("sip:1001@10.0.0.2", "sip:1001@10.0.0.3", "sip:1001@10.0.0.4");
    assertThat(
            f.register("1001", "c5", 1, "Contact: <sip:a@h1>, <sip:a@h2>, <sip:a@h3>, <sip:a@h4>")
                .status())
        .isEqualTo(403);
  }

  @Test
  void expiredBindingsAreSweptAndReported() {
    f.register("1001", "c1", 1, "Expires: 60", C1);
    f.clock.advance(Duration.ofSeconds(61));
    assertThat(bindings()).isEmpty(); // lookups never return expired bindings
    f.module.locationService().sweep();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.eventKinds().contains(Kind.EXPIRED));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> f.module.locationService().size() == 0);
  }

  @Test
  void malformedContactIs400() {
    assertThat(f.register("1001", "c1", 1, "Contact: <sip:1001@h;expires=abc").status())
        .isEqualTo(400);
    assertThat(f.register("1001", "c2", 1, "Contact: <sip:1001@h>;expires=abc").status())
        .isEqualTo(400);
  }
}
