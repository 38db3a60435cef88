package dev.switchboard.server.location;

import java.util.List;

/**
 * Where every user agent of our domains can be reached. Read by the proxy on every call, so a
 * lookup is answered from memory; implementations persist (and may share through Redis) behind this
 * interface.
 */
public interface LocationService {

  /**
   * The unexpired bindings of {@code aor} (the form {@code sip:user@domain}, see {@code
   * SipUri.aor()}), highest q first. Never blocks.
   */
  List<Binding> lookup(String aor);
}
