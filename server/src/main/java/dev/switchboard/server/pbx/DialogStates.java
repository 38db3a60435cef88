package dev.switchboard.server.pbx;

import dev.switchboard.server.proxy.Branching;
import dev.switchboard.server.proxy.CallObserver;
import dev.switchboard.server.proxy.Target;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each extension's calls as the proxy sees them (RFC 4235 states: trying, early, confirmed), for
 * busy lamps: the caller's side from its INVITE, the callee's from the branches that ring its
 * phones; a call leaves when it ends.
 */
final class DialogStates implements CallObserver {

  /** One call of an extension: its state and which side of it the extension is. */
  private record Dialog(String state, boolean initiator) {}

  // AOR → (call key → dialog); the inner maps are sorted so a document is the same for one state.
  private final Map<String, Map<String, Dialog>> byAor = new ConcurrentHashMap<>();
  // Call key → the AORs it was put under, so a call's end touches those, not every extension.
  private final Map<String, Set<String>> aorsByCall = new ConcurrentHashMap<>();

  @Override
  public void started(Branching call, SipRequest invite) {
    String caller = aor(invite.from().uri());
    if (caller != null) {
      put(caller, key(call.callId(), call.callerTag()), new Dialog("trying", true));
    }
  }

  @Override
  public void branch(Branching call, Target target, SipRequest forwarded) {
    if (target.aor() != null) {
      put(target.aor(), key(call.callId(), call.callerTag()), new Dialog("trying", false));
    }
  }

  @Override
  public void response(Branching call, Target target, SipResponse response) {
    String key = key(call.callId(), call.callerTag());
    int s = response.status();
    String state = s >= 200 && s < 300 ? "confirmed" : s > 100 && s < 200 ? "early" : null;
    if (target.aor() != null) {
      if (s >= 300) {
        remove(target.aor(), key);
      } else if (state != null) {
        put(target.aor(), key, new Dialog(state, false));
      }
    }
    String caller = aor(response.from().uri());
    if (caller != null && state != null) {
      put(caller, key, new Dialog(state, true));
    }
  }

  @Override
  public void ended(String callId, String callerTag) {
    String key = key(callId, callerTag);
    Set<String> aors = aorsByCall.remove(key);
    if (aors != null) {
      for (String aor : aors) {
        remove(aor, key);
      }
    }
  }

  /** The dialog elements of {@code aor}'s calls now (empty when it is idle). */
  String dialogs(String aor) {
    Map<String, Dialog> calls = byAor.get(aor);
    StringBuilder sb = new StringBuilder();
    if (calls != null) {
      synchronized (calls) {
        int n = 0;
        for (Map.Entry<String, Dialog> e : calls.entrySet()) {
          Dialog d = e.getValue();
          sb.append("  <dialog id=\"d")
              .append(Integer.toHexString(e.getKey().hashCode()))
              .append(n++)
              .append("\" direction=\"")
              .append(d.initiator() ? "initiator" : "recipient")
              .append("\"><state>")
              .append(d.state())
              .append("</state></dialog>\n");
        }
      }
    }
    return sb.toString();
  }

  /** A full dialog-info document (RFC 4235) of {@code aor} with {@code version}. */
  static String document(String aor, long version, String dialogs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\""
        + version
        + "\" state=\"full\" entity=\""
        + aor.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
        + "\">\n"
        + dialogs
        + "</dialog-info>\n";
  }

  private void put(String aor, String key, Dialog d) {
    aorsByCall.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(aor);
    Map<String, Dialog> calls = byAor.computeIfAbsent(aor, k -> new TreeMap<>());
    synchronized (calls) {
      Dialog old = calls.get(key);
      // A late provisional does not take a confirmed call back to early.
      if (old == null || !old.state().equals("confirmed") || d.state().equals("confirmed")) {
        calls.put(key, d);
      }
    }
  }

  private void remove(String aor, String key) {
    Map<String, Dialog> calls = byAor.get(aor);
    if (calls != null) {
      synchronized (calls) {
        calls.remove(key);
      }
    }
  }

  private static String aor(dev.switchboard.sip.message.Uri uri) {
    if (uri instanceof SipUri u && u.user() != null) {
      return "sip:" + SipUri.unescape(u.user()) + "@" + u.host().toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static String key(String callId, String callerTag) {
    return callId + "\u0000" + callerTag;
  }
}
