package dev.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

/**
 * The typed views of a parsed message, each read as the stack reads it: it either parses or throws
 * {@link SipParseException}, and what it parsed, rendered again from its parts, parses back equal.
 */
final class HeaderViews {
  private static final MessageParser PARSER = new MessageParser();

  private HeaderViews() {}

  static void check(SipMessage m) {
    read(() -> m.topVia()).ifPresent(HeaderViews::via);
    read(m::vias).ifPresent(vs -> vs.forEach(HeaderViews::via));
    read(m::from).ifPresent(HeaderViews::address);
    read(m::to).ifPresent(HeaderViews::address);
    read(m::contacts).ifPresent(HeaderViews::addresses);
    read(m::routes).ifPresent(HeaderViews::addresses);
    read(m::recordRoutes).ifPresent(HeaderViews::addresses);
    read(m::cseq).ifPresent(c -> assertThat(CSeq.parse(c.toString())).isEqualTo(c));
    read(m::maxForwards);
    read(m::expires);
    read(m::contentLength);
    read(m::callId);
    m.isWildcardContact();
    m.tokens(HeaderNames.REQUIRE);
    if (m instanceof SipRequest r) {
      read(r::requestUri).ifPresent(HeaderViews::uri);
      if (read(() -> validated(r)).isPresent()) {
        // What a UAS answers a valid request with must itself be a valid message.
        SipResponse answer = r.createResponse(200, null);
        assertThat(PARSER.parseDatagram(answer.toBytes())).isEqualTo(answer);
      }
    } else {
      read(() -> validated((SipResponse) m));
    }
  }

  private static SipRequest validated(SipRequest r) {
    r.validate();
    return r;
  }

  private static SipResponse validated(SipResponse r) {
    r.validate();
    return r;
  }

  /** The view's value, or empty when it threw the parser's own exception. */
  private static <T> java.util.Optional<T> read(Supplier<T> view) {
    try {
      return java.util.Optional.ofNullable(view.get());
    } catch (SipParseException e) {
      assertThat(e.reasonPhrase()).isNotEmpty();
      return java.util.Optional.empty();
    }
  }

  private static void via(Via v) {
    assertThat(Via.parseList(v.toString())).containsExactly(v);
    v.sentBy();
    v.portOrDefault();
    v.hasRfc3261Branch();
    if (v.hasRport()) {
      assertThat(v.rport()).isBetween(-1, 65535);
    }
  }

  private static void addresses(List<Address> list) {
    if (list.isEmpty()) {
      return;
    }
    list.forEach(HeaderViews::address);
    StringBuilder joined = new StringBuilder();
    for (Address a : list) {
      joined.append(joined.length() == 0 ? "" : ", ").append(a);
    }
    assertThat(Address.parseList(joined.toString())).isEqualTo(list);
  }

  private static void address(Address a) {
    assertThat(Address.parse(a.toString())).isEqualTo(a);
    a.displayName();
    a.tag();
    uri(a.uri());
  }

  private static List<Object> parts(SipUri s) {
    return java.util.Arrays.asList(
        s.secure(), s.user(), s.password(), s.host(), s.port(), s.params(), s.headers());
  }

  private static void uri(Uri u) {
    if (u instanceof SipUri s) {
      // Rendered from its parts, not echoed from the text it was parsed from.
      SipUri rebuilt =
          new SipUri(
              s.secure(), s.user(), s.password(), s.host(), s.port(), s.params(), s.headers());
      SipUri back = (SipUri) Uri.parse(rebuilt.toString());
      // Part by part: the text keeps the sender's spelling (a "siP:" scheme), the parts do not.
      assertThat(parts(back)).isEqualTo(parts(s));
      assertThat(back.equivalent(s)).isTrue();
      s.aor();
      s.transport();
    } else if (u instanceof TelUri t) {
      assertThat(Uri.parse(t.toString())).isEqualTo(t);
    } else {
      assertThat(Uri.parse(u.toString())).isEqualTo(u);
    }
  }
}
