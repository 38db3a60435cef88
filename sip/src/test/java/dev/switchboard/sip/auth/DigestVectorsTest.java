package dev.switchboard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Published vectors: RFC 7616 §3.9.1 (MD5 and SHA-256) and RFC 2617 §3.5. */
class DigestVectorsTest {
  static final String REALM = "http-auth@example.org";
  static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

  @Test
  void rfc7616Md5Example() {
    String ha1 = Ha1.md5("Mufasa", REALM, "Circle of Life");
    assertThat(
            DigestResponse.compute(
                DigestAlgorithm.MD5,
                ha1,
                NONCE,
                "00000001",
                CNONCE,
                "auth",
                "GET",
                "/dir/index.html"))
        .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void rfc7616Sha256Example() {
    String ha1 = Ha1.sha256("Mufasa", REALM, "Circle of Life");
    assertThat(
            DigestResponse.compute(
                DigestAlgorithm.SHA_256,
                ha1,
                NONCE,
                "00000001",
                CNONCE,
                "auth",
                "GET",
                "/dir/index.html"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void rfc2617Example() {
    String ha1 = Ha1.md5("Mufasa", "testrealm@host.com", "Circle Of Life");
    assertThat(
            DigestResponse.compute(
                DigestAlgorithm.MD5,
                ha1,
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001",
                "0a4f113b",
                "auth",
                "GET",
                "/dir/index.html"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void theRfc7616Sha256AuthorizationHeaderParses() {
    DigestCredentials c =
        DigestCredentials.parse(
            "Digest username=\"Mufasa\",\r\n realm=\"http-auth@example.org\",\r\n"
                + " uri=\"/dir/index.html\",\r\n algorithm=SHA-256,\r\n nonce=\""
                + NONCE
                + "\",\r\n nc=00000001,\r\n cnonce=\""
                + CNONCE
                + "\",\r\n qop=auth,\r\n"
                + " response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
                + " opaque=\""
                + OPAQUE
                + "\"");
    assertThat(c.username()).isEqualTo("Mufasa");
    assertThat(c.digestAlgorithm()).contains(DigestAlgorithm.SHA_256);
    assertThat(c.nonceCount()).isEqualTo(1);
    assertThat(c.opaque()).isEqualTo(OPAQUE);
    String ha1 = Ha1.sha256("Mufasa", REALM, "Circle of Life");
    assertThat(
            DigestResponse.compute(
                DigestAlgorithm.SHA_256,
                ha1,
                c.nonce(),
                c.nc(),
                c.cnonce(),
                c.qop(),
                "GET",
                c.uri()))
        .isEqualTo(c.response());
  }

  @Test
  void ha1IsLowerCaseHexOfUserRealmPassword() {
    // Checked with Python's hashlib.
    assertThat(Ha1.md5("alice", "example.com", "secret"))
        .isEqualTo("b1726872c344b6dc8365b774f8fd6412");
    assertThat(Ha1.sha256("alice", "example.com", "secret"))
        .isEqualTo("ed8925b20f9a77b8f8f8d5f8e4467fe32b866f7208ab9e4b20595e9821a0fdee");
    assertThat(Ha1.pair("a", "r", "p").md5()).isEqualTo(Ha1.md5("a", "r", "p"));
    assertThat(Ha1.pair("a", "r", "p").toString()).doesNotContain(Ha1.md5("a", "r", "p"));
  }
}
