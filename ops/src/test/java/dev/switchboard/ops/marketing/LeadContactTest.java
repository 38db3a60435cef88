package dev.switchboard.ops.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import org.junit.jupiter.api.Test;

class LeadContactTest {

  @Test
  void chineseMobilesInEveryCommonSpellingBecomeE164() {
    for (String raw :
        new String[] {
          "13812345678",
          "138 1234 5678",
          "138-1234-5678",
          "+86 138 1234 5678",
          "+86-13812345678",
          "008613812345678",
          "8613812345678",
          " (+86) 138.1234.5678 "
        }) {
      assertThat(LeadContact.phone(raw)).as(raw).isEqualTo("+8613812345678");
    }
  }

  @Test
  void landlinesDropTheTrunkZero() {
    assertThat(LeadContact.phone("010-12345678")).isEqualTo("+861012345678");
    assertThat(LeadContact.phone("0755 1234 5678")).isEqualTo("+8675512345678");
    assertThat(LeadContact.phone("+86 10 1234 5678")).isEqualTo("+861012345678");
  }

  @Test
  void foreignNumbersKeepTheirCountryCode() {
    assertThat(LeadContact.phone("+44 20 7946 0958")).isEqualTo("+442079460958");
    assertThat(LeadContact.phone("0044 20 7946 0958")).isEqualTo("+442079460958");
  }

  @Test
  void badPhonesAreRejectedOnThePhoneField() {
    for (String raw : new String[] {"12345", "abc", "1381234567x", "23812345678", "+0123456789"}) {
      assertThatThrownBy(() -> LeadContact.phone(raw))
          .as(raw)
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    }
    assertThat(LeadContact.phone("  ")).isNull();
  }

  @Test
  void emailsAreTrimmedAndLowerCased() {
    assertThat(LeadContact.email("  Li.Na@Example.COM ")).isEqualTo("li.na@example.com");
    assertThat(LeadContact.email("")).isNull();
    for (String raw : new String[] {"li.na", "li@na", "@example.com", "a b@example.com"}) {
      assertThatThrownBy(() -> LeadContact.email(raw))
          .as(raw)
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("email"));
    }
  }

  @Test
  void companyKeysIgnoreCaseSpacesPunctuationAndLegalSuffixes() {
    assertThat(LeadContact.companyKey("深圳市 新华 有限公司")).isEqualTo("深圳市新华");
    assertThat(LeadContact.companyKey("深圳市新华股份有限公司")).isEqualTo("深圳市新华");
    assertThat(LeadContact.companyKey("Acme Co., Ltd.")).isEqualTo("acme");
    assertThat(LeadContact.companyKey("ACME")).isEqualTo("acme");
    assertThat(LeadContact.companyKey(" ")).isNull();
  }
}
