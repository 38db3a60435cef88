package dev.switchboard.sip.sigcomp;

import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Via;
import java.util.Locale;

/**
 * How SIP says SigComp (RFC 3486, RFC 5049 §6.1): the {@code comp=sigcomp} parameter in a Via or a
 * URI (Contact, Record-Route, Route, Path, Service-Route), the {@code sigcomp-id} naming the remote
 * application, and which compartment a message belongs to. Plain functions over the message layer's
 * values, for the transport to call.
 */
public final class SigCompSignalling {
  /** The parameter value RFC 3486 §4 defines. */
  public static final String SIGCOMP = "sigcomp";

  private SigCompSignalling() {}

  /** Whether the Via asks for compressed responses (RFC 3486 §4, {@code comp=sigcomp}). */
  public static boolean asksForCompression(Via via) {
    return SIGCOMP.equalsIgnoreCase(via.param("comp"));
  }

  /** Whether requests to this URI should be compressed (RFC 3486 §4, {@code ;comp=sigcomp}). */
  public static boolean asksForCompression(SipUri uri) {
    return SIGCOMP.equalsIgnoreCase(uri.param("comp"));
  }

  /**
   * Our Via asking for compressed responses, with our SIP/SigComp identifier as RFC 5049 §6.1
   * requires of a Via we generate: {@code ;comp=sigcomp;sigcomp-id="<urn>"}.
   */
  public static Via advertise(Via via, String ourSigCompId) {
    return via.withParam("comp", SIGCOMP).withParam("sigcomp-id", "\"<" + ourSigCompId + ">\"");
  }

  /**
   * Our URI (Contact, Record-Route, Path, Service-Route) asking for compressed requests, with our
   * identifier escaped for a URI parameter (RFC 5049 §6.1). Pass null for {@code ourSigCompId} when
   * the URI goes with a {@code +sip.instance}, which then names us instead.
   */
  public static SipUri advertise(SipUri uri, String ourSigCompId) {
    SipUri u = uri.withParam("comp", SIGCOMP);
    return ourSigCompId == null ? u : u.withParam("sigcomp-id", escape(ourSigCompId));
  }

  /** The SIP/SigComp identifier in a Via ({@code sigcomp-id="<urn>"}), or null. */
  public static String sigCompId(Via via) {
    String v = via.param("sigcomp-id");
    if (v == null) {
      return null;
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.startsWith("<") && v.endsWith(">")) {
      v = v.substring(1, v.length() - 1);
    }
    return v.isEmpty() ? null : v;
  }

  /** The SIP/SigComp identifier in a URI ({@code sigcomp-id=urn%3a…}), unescaped, or null. */
  public static String sigCompId(SipUri uri) {
    String v = uri.param("sigcomp-id");
    return v == null || v.isEmpty() ? null : SipUri.unescape(v);
  }

  /**
   * The compartment of an incoming request (RFC 5049 §6.1): the {@code sigcomp-id} of its top Via,
   * or for a legacy peer the Via's sent-by. Responses we send on its transaction use the same.
   */
  public static CompartmentId compartmentOfRequest(Via topVia) {
    String id = sigCompId(topVia);
    return id != null
        ? CompartmentId.ofUrn(id)
        : CompartmentId.ofHost(topVia.host(), topVia.port());
  }

  /**
   * The compartment of an outgoing request to {@code target} (RFC 5049 §6.1): its {@code
   * sigcomp-id}, else the {@code +sip.instance} it was registered with (null when none), else its
   * host and port. Responses to the request come back into the same compartment.
   */
  public static CompartmentId compartmentOfTarget(SipUri target, String instanceId) {
    String id = sigCompId(target);
    if (id != null) {
      return CompartmentId.ofUrn(id);
    }
    if (instanceId != null && !instanceId.isBlank()) {
      return CompartmentId.ofUrn(instanceId);
    }
    return CompartmentId.ofHost(target.host(), target.port());
  }

  /**
   * Escapes an identifier for a URI parameter: RFC 3261 {@code paramchar} is unreserved, a few
   * marks and {@code []/:&+$}; ':' is allowed there but RFC 5049 §6.1 escapes it, so we do too.
   */
  static String escape(String id) {
    StringBuilder sb = new StringBuilder(id.length() + 16);
    for (char c : id.toCharArray()) {
      boolean plain =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || "-_.!~*'()".indexOf(c) >= 0;
      if (plain) {
        sb.append(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          sb.append('%').append(String.format(Locale.ROOT, "%02x", b & 0xFF));
        }
      }
    }
    return sb.toString();
  }
}
