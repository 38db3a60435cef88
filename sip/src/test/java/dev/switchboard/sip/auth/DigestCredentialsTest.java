package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestCredentialsTest {
  static final String R32 = "0123456789abcdef0123456789abcdef";
  static final String BASE =
      "Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\", uri=\"sip:example.com\", response=\""
          + R32
          + "\"";

  @Test
  void readsQuotedAndUnquotedValuesWithAnyNameCase() {
    DigestCredentials c =
        DigestCredentials.parse(
            "digest USERNAME=\"al\\\"ice\",Realm=example.com ,nonce = \"n1\",\turi=\"sip:x\","
                + " response=\"0123456789ABCDEF0123456789ABCDEF\", algorithm=\"md5\", qop=\"auth\","
                + " nc=0000000A, cnonce=c1, userhash=false, x-ext=\"ignored\"");
    assertThat(c.username()).isEqualTo("al\"ice");
    assertThat(c.realm()).isEqualTo("example.com");
    assertThat(c.response()).isEqualTo(R32);
    assertThat(c.digestAlgorithm()).contains(DigestAlgorithm.MD5);
    assertThat(c.nonceCount()).isEqualTo(10);
    assertThat(c.userhash()).isFalse();
  }

  @Test
  void absentAlgorithmMeansMd5AndUnknownOnesAreEmpty() {
    assertThat(DigestCredentials.parse(BASE).digestAlgorithm()).contains(DigestAlgorithm.MD5);
    assertThat(DigestCredentials.parse(BASE + ", algorithm=SHA-512-256").digestAlgorithm())
        .isEmpty();
    assertThat(DigestCredentials.parse(BASE + ", algorithm=sha-256-SESS").digestAlgorithm())
        .contains(DigestAlgorithm.SHA_256_SESS);
  }

  @Test
  void writesWhatItReads() {
    DigestCredentials c =
        DigestCredentials.parse(
            BASE + ", algorithm=SHA-256, cnonce=\"c\\\\1\", opaque=\"o\", qop=auth, nc=00000002");
    assertThat(DigestCredentials.parse(c.toHeaderValue())).isEqualTo(c);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Basic YWxpY2U6c2VjcmV0 | scheme is not Digest",
        "Digest | no parameters after Digest",
        "Digest   | no parameters after Digest",
        "Digestusername=\"a\" | scheme is not Digest",
        "Digest username | expected '=' after username",
        "Digest username= | expected a token or quoted string for username",
        "Digest username=\"a | unterminated quoted string in username",
        "Digest username=\"a\\ | unterminated quoted string in username",
        "Digest username=\"a\" realm=\"b\" | expected ',' after username at position 20",
        "Digest username=\"a\",, realm=\"b\" | expected a parameter name at position 20",
        "Digest username=\"a\", | expected a parameter name at end",
        "Digest username=\"a\", USERNAME=\"b\" | duplicate parameter username",
        "Digest =x | expected a parameter name at position 7",
        "Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"00\" | missing username",
        "Digest username=\"u\", nonce=\"n\", uri=\"u\", response=\"00\" | missing realm",
        "Digest username=\"u\", realm=\"r\", uri=\"u\", response=\"00\" | missing nonce",
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", response=\"00\" | missing uri",
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"u\" | missing response",
        "Digest username=\"u\", realm=\"r\", nonce=\"\", uri=\"u\", response=\"00\" | empty nonce",
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"xyz\" | response is not a hex digest",
      })
  void reportsWhatIsWrong(String header, String message) {
    assertThatThrownBy(() -> DigestCredentials.parse(header))
        .isInstanceOf(DigestParseException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        ", qop=auth, nc=00000001 | qop without cnonce",
        ", qop=auth, cnonce=\"c\" | qop without nc",
        ", qop=auth, cnonce=\"c\", nc=1 | nc is not 8 hex digits",
        ", qop=auth, cnonce=\"c\", nc=0000000g | nc is not 8 hex digits",
        ", qop=auth, cnonce=\"c\", nc=00000000 | nc must start at 00000001",
        ", cnonce=\"c\" | cnonce or nc without qop",
        ", nc=00000001 | cnonce or nc without qop",
        ", userhash=maybe | userhash is neither true nor false",
        ", algorithm=\"\" | empty algorithm",
        ", algorithm=\"MD5 x\" | algorithm is not a token",
        ", qop=\"auth:\", cnonce=\"c\", nc=00000001 | qop is not a token",
        ", qop=auth, cnonce=\"c\", nc=\"0000000\uff11\" | nc is not 8 hex digits",
      })
  void checksTheRulesBetweenParameters(String extra, String message) {
    assertThatThrownBy(() -> DigestCredentials.parse(BASE + extra))
        .isInstanceOf(DigestParseException.class)
        .hasMessage(message);
  }

  /**
   * Found by DigestFuzzTest: a quoted qop that is no token was accepted and then written bare, so
   * the credentials did not parse again; digits of other scripts passed as hex.
   */
  /** Found by DigestFuzzTest: an escaped control character was written back unescaped. */
  @Test
  void anEscapedControlCharacterIsWrittenEscaped() {
    DigestCredentials c =
        DigestCredentials.parse(
            "Digest username=\"a\\\"b\", realm=\"r\\\u0010,s\", nonce=\"n\", uri=\"sip:x\","
                + " response=\"ab\"");
    assertThat(c.realm()).isEqualTo("r\u0010,s");
    assertThat(c.toHeaderValue()).contains("realm=\"r\\\u0010,s\"");
    assertThat(DigestCredentials.parse(c.toHeaderValue())).isEqualTo(c);
  }

  @Test
  void whatItAcceptsItCanWriteAgain() {
    assertThatThrownBy(
            () ->
                DigestCredentials.parse(
                    "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\","
                        + " response=\"\u0661\u0662\""))
        .isInstanceOf(DigestParseException.class)
        .hasMessage("response is not a hex digest");
    DigestCredentials quoted =
        DigestCredentials.parse(
            BASE + ", algorithm=\"MD5\", qop=\"auth\", cnonce=c, nc=\"00000001\"");
    assertThat(DigestCredentials.parse(quoted.toHeaderValue())).isEqualTo(quoted);
  }

  @Test
  void controlCharactersAndBadEscapesAreRefused() {
    assertThatThrownBy(() -> DigestCredentials.parse("Digest username=\"a\u0000b\""))
        .hasMessage("control character in username");
    assertThatThrownBy(() -> DigestCredentials.parse("Digest username=\"a\\\r\""))
        .hasMessage("bad escape in username");
    assertThatThrownBy(() -> DigestCredentials.parse("Digest username=\"a\r\nb\""))
        .hasMessage("control character in username");
  }

  @Test
  void boundsLengthsAndCounts() {
    String longValue = "x".repeat(DigestParams.MAX_VALUE_CHARS + 1);
    assertThatThrownBy(() -> DigestCredentials.parse("Digest username=\"" + longValue + "\""))
        .hasMessage("username longer than 1024");
    assertThatThrownBy(() -> DigestCredentials.parse("Digest username=" + longValue))
        .hasMessage("username longer than 1024");
    assertThatThrownBy(() -> DigestCredentials.parse("Digest a=\"" + "y".repeat(5000) + "\""))
        .hasMessage("header longer than 4096 characters");
    StringBuilder many = new StringBuilder("Digest p0=1");
    for (int i = 1; i <= DigestParams.MAX_PARAMS; i++) {
      many.append(", p").append(i).append("=1");
    }
    assertThatThrownBy(() -> DigestCredentials.parse(many.toString()))
        .hasMessage("more than 24 parameters");
  }

  @Test
  void foldedLinesCountAsWhitespace() {
    DigestCredentials c =
        DigestCredentials.parse(
            BASE.replace(", realm", ",\r\n\trealm").replace("Digest ", "Digest\r\n "));
    assertThat(c.realm()).isEqualTo("example.com");
  }
}
