package dev.switchboard.store.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestHa1Test {

  @Test
  void matchesTheRfc2617Example() {
    DigestHa1 ha1 = DigestHa1.of("Mufasa", "testrealm@host.com", "Circle Of Life");
    assertThat(ha1.md5()).isEqualTo("939e7578ed9e3c518a452acee763bce9");
    assertThat(ha1.sha256())
        .isEqualTo("3ba6cd94661c5ef34598040c868f13b8775df29109986be50ad35ae537dd3aa4");
    assertThat(ha1.toString()).doesNotContain("939e");
  }
}
