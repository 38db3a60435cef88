package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A number too large for a double: the fuzzer's finding of 2026-12-08, kept as a plain test. */
class JsonBodyOverflowTest {
  private static final byte[] HUGE = "{\"amount\": 1e400}".getBytes(StandardCharsets.UTF_8);

  @Test
  void anAmountThatOverflowsADoubleIsABadValueNotACrash() {
    JsonBody body = JsonBody.parse(ApiServer.objectMapper(), HUGE, Set.of("amount"));
    assertThatThrownBy(() -> body.requiredDecimal("amount"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("amount must be a decimal amount");
  }

  @Test
  void everyReadOfItOnlyEverGivesA400() {
    JsonBodyReads.check(HUGE);
  }
}
