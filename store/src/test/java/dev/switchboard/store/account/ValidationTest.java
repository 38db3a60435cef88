package dev.switchboard.store.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.csv.CsvLine;
import dev.switchboard.store.tenant.SipDomain;
import dev.switchboard.store.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1001",
        "alice",
        "a.b-c_d",
        "+4930123",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void goodUsers(String user) {
    assertThat(UserPart.validate(user)).isEqualTo(user);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "a@b", "a/b", "a?b", "a%20b", "ü"})
  void badUsers(String user) {
    assertThatThrownBy(() -> UserPart.validate(user)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> UserPart.validate("x".repeat(65)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void domainsAreLowerCasedHostNames() {
    assertThat(SipDomain.normalise(" Acme.TEST. ")).isEqualTo("acme.test");
    assertThat(SipDomain.normalise("a-1.example.com")).isEqualTo("a-1.example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-acme.test", "acme..test", "acme_x.test", "10.0.0.1", "a b.test"})
  void badDomains(String domain) {
    assertThatThrownBy(() -> SipDomain.normalise(domain))
        .isInstanceOf(InvalidValueException.class)
        .hasFieldOrPropertyWithValue("field", "domain");
  }

  @Test
  void timeZonesMustBeKnown() {
    assertThat(Tenant.parseTimeZone("Europe/Berlin").getId()).isEqualTo("Europe/Berlin");
    assertThatThrownBy(() -> Tenant.parseTimeZone("Mars/Olympus"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void forwardingTargetsMustBeSipUris() {
    assertThatThrownBy(() -> new AccountOptions(false, "http://x", null, null, 20))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new AccountOptions(false, null, null, null, 1))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void csvLinesHonourQuotes() {
    assertThat(CsvLine.split("a, \"b,c\" ,\"d\"\"e\"")).containsExactly("a", "b,c", "d\"e");
    assertThat(CsvLine.split("a,\"b")).isNull();
  }
}
