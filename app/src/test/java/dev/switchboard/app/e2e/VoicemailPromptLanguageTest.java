package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.media.wav.WavReader;
import dev.switchboard.server.services.PromptLanguage;
import dev.switchboard.server.services.Speech;
import dev.switchboard.server.services.Speech.Phrase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemail speaks to a caller in the tenant's prompt language: {@code switchboard call} records
 * what it hears from an unregistered extension's mailbox, and before the beep there is speech as
 * long as the English prompt, or, once the tenant's {@code promptLanguage} is {@code zh}, as long
 * as the Mandarin one.
 */
class VoicemailPromptLanguageTest {
  @TempDir static Path dir;
  private static Switchboard sb;

  @BeforeAll
  static void serve() throws Exception {
    sb = Switchboard.start(dir.resolve("data"), 0);
    sb.tenant("en.test", "1001");
    sb.tenant("zh.test", "1001");
    for (String domain : new String[] {"en.test", "zh.test"}) {
      sb.post(
          "/api/v1/tenants/" + domain + "/accounts",
          Map.of(
              "user",
              "1002",
              "password",
              Switchboard.password("1002"),
              "options",
              Map.of("voicemail", true)));
    }
  }

  @AfterAll
  static void stop() {
    if (sb != null) {
      sb.close();
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aTenantWithoutALanguageHearsEnglishSpeechThenTheBeep() throws Exception {
    assertThat(sb.get("/api/v1/tenants/en.test/dial-plan").get("promptLanguage").asText())
        .isEqualTo("en");
    assertHeardSpeech("en.test", PromptLanguage.EN);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aMandarinTenantHearsMandarinSpeechThenTheBeep() throws Exception {
    JsonNode plan = sb.patch("/api/v1/tenants/zh.test/dial-plan", Map.of("promptLanguage", "zh"));
    assertThat(plan.get("promptLanguage").asText()).isEqualTo("zh");
    assertHeardSpeech("zh.test", PromptLanguage.ZH);
  }

  @Test
  void anUnknownLanguageIsRefusedWithAReason() throws Exception {
    HttpResponse<String> r =
        sb.patchRaw("/api/v1/tenants/zh.test/dial-plan", "{\"promptLanguage\":\"fr\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("promptLanguage");
  }

  private static void assertHeardSpeech(String domain, PromptLanguage language) throws Exception {
    Path heard = dir.resolve("heard-" + language.code() + ".wav");
    try (CallCli caller =
        CallCli.start(
            dir,
            sb,
            "1001",
            domain,
            "sip:1002@" + domain,
            "--record",
            heard.toString(),
            "--seconds",
            "6")) {
      assertThat(caller.awaitExit(40)).as(caller.output()).isZero();
    }
    short[] audio = WavReader.read(heard).narrowband();
    int beep = HeardSpeech.firstFrameOf(audio, 950);
    assertThat(beep).as(Heard.describe(heard)).isPositive();
    // The prompt ends 300 ms before the beep; leave out the beep's first, partly filled frame.
    HeardSpeech before = HeardSpeech.of(Arrays.copyOfRange(audio, 0, Math.max(0, beep - 8 * 200)));
    long promptMillis = Speech.say(language, Phrase.LEAVE_MESSAGE).length / 8;
    assertThat(before.isSpeechOf(promptMillis))
        .as("%s before the beep, the %d ms prompt expected", before, promptMillis)
        .isTrue();
    // The detector tells a tone from speech: the beep itself is not speech.
    HeardSpeech tone = HeardSpeech.of(Arrays.copyOfRange(audio, beep, beep + 8 * 500));
    assertThat(tone.isSpeechOf(500)).as(tone.toString()).isFalse();
  }
}
