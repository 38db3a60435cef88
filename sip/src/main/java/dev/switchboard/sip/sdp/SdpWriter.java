package dev.switchboard.sip.sdp;

/** Writes a {@link SessionDescription} as SDP text in RFC 8866 order, every line ending in CRLF. */
public final class SdpWriter {
  private SdpWriter() {}

  /** The SDP text of a description. */
  public static String write(SessionDescription sd) {
    StringBuilder out = new StringBuilder(512);
    line(out, 'v', "0");
    line(out, 'o', sd.origin().format());
    line(out, 's', sd.sessionName());
    sd.information().ifPresent(i -> line(out, 'i', i));
    sd.uri().ifPresent(u -> line(out, 'u', u));
    sd.emails().forEach(e -> line(out, 'e', e));
    sd.phones().forEach(p -> line(out, 'p', p));
    sd.connection().ifPresent(c -> line(out, 'c', c.format()));
    sd.bandwidths().forEach(b -> line(out, 'b', b.format()));
    for (TimeDescription t : sd.times()) {
      line(out, 't', t.timing().format());
      t.repeats().forEach(r -> line(out, 'r', r.format()));
      if (!t.zoneAdjustments().isEmpty()) {
        StringBuilder zone = new StringBuilder();
        for (ZoneAdjustment z : t.zoneAdjustments()) {
          if (zone.length() > 0) {
            zone.append(' ');
          }
          zone.append(z.format());
        }
        line(out, 'z', zone.toString());
      }
    }
    sd.key().ifPresent(k -> line(out, 'k', k));
    sd.attributes().forEach(a -> line(out, 'a', a.format()));
    for (MediaDescription m : sd.media()) {
      StringBuilder mline = new StringBuilder();
      mline.append(m.media()).append(' ').append(m.port());
      m.portCount().ifPresent(n -> mline.append('/').append(n));
      mline.append(' ').append(m.protocol());
      m.formats().forEach(f -> mline.append(' ').append(f));
      line(out, 'm', mline.toString());
      m.information().ifPresent(i -> line(out, 'i', i));
      m.connections().forEach(c -> line(out, 'c', c.format()));
      m.bandwidths().forEach(b -> line(out, 'b', b.format()));
      m.key().ifPresent(k -> line(out, 'k', k));
      m.attributes().forEach(a -> line(out, 'a', a.format()));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, char type, String value) {
    out.append(type).append('=').append(value).append("\r\n");
  }
}
