package dev.switchboard.console.marketing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.ApiServer;
import dev.switchboard.console.JsonBody;
import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A decimal whose exponent has more digits than Jackson will read: the fuzzer's finding of
 * 2026-12-08 (RequestBodyFuzzTest), kept as a plain test. It must be a 400, not an exception out of
 * the body reader.
 */
class HugeExponentTest {
  private static final String NUMBER = "177777E777777772345678901";

  private static final ObjectMapper DECIMALS =
      ApiServer.objectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final byte[] BODY =
      ("{\"amount\": " + NUMBER + "}").getBytes(StandardCharsets.UTF_8);

  @Test
  void theGenericBodyReaderGivesABadValueWhenItReadsDecimals() {
    assertThatThrownBy(() -> JsonBody.parse(DECIMALS, BODY, Set.of("amount")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("number");
  }

  @Test
  void aRecordBoundFromSuchABodyIsABadValue() {
    Http http = new Http(DECIMALS);
    byte[] body = ("{\"budget\": " + NUMBER + "}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> http.read(body, CampaignRoutes.CampaignBody.class))
        .isInstanceOf(InvalidValueException.class);
  }
}
