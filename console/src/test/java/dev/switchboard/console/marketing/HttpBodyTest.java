package dev.switchboard.console.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.console.ApiServer;
import dev.switchboard.store.InvalidValueException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the marketing routes read a request body into a record: the record, or a 400. */
class HttpBodyTest {
  private final Http http = new Http(ApiServer.objectMapper());

  @Test
  void bindsABodyToItsRecord() {
    LeadRoutes.NoteBody b =
        http.read(
            "{\"body\":\"call back\"}".getBytes(StandardCharsets.UTF_8), LeadRoutes.NoteBody.class);
    assertThat(b.body()).isEqualTo("call back");
  }

  /**
   * '{' then NULs looks like UTF-32 to Jackson, which then fails with an IOException that is no
   * JSON error; it was rethrown unchecked and answered 500 (found by MarketingBodiesFuzzTest).
   */
  @Test
  void aBodyJacksonCannotDecodeIsA400() {
    byte[] body = new byte[40];
    body[0] = '{';
    byte[] rest = "\"name\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(rest, 0, body, 28, rest.length);
    assertThatThrownBy(() -> http.read(body, TrialRoutes.TrialBody.class))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unreadable request body");
  }

  @Test
  void unknownFieldsAndWrongTypesAreNamed() {
    assertThatThrownBy(
            () ->
                http.read(
                    "{\"colour\":1}".getBytes(StandardCharsets.UTF_8), LeadRoutes.NoteBody.class))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unknown field colour");
    assertThatThrownBy(
            () ->
                http.read(
                    "{\"from\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                    LeadRoutes.MergeBody.class))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("from has the wrong type");
  }
}
