package dev.switchboard.server.pbx;

import dev.switchboard.server.proxy.Branching;
import dev.switchboard.server.proxy.CallObserver;
import dev.switchboard.server.proxy.Target;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Each extension's calls as the proxy sees them (RFC 4235 states: trying, early, confirmed), for
 * busy lamps: the caller's side from its INVITE, the callee's from the branches that ring its
 * phones; a call leaves when it ends.
 */
final class DialogStates implements CallObserver {

  /** One call of an extension: its state and which side of it the extension is. */
  private record Dialog(String state, boolean initiator) {}

  /** A call ringing one of our extensions, which call pickup can add a branch to. */
  record Ringing(Branching call, String aor) {}

  /** A call the proxy runs, in the order calls started (the oldest is picked up first). */
  private record Started(Branching call, long order) {}

  // AOR → (call key → dialog); the inner maps are sorted so a document is the same for one state.
  private final Map<String, Map<String, Dialog>> byAor = new ConcurrentHashMap<>();
  // Call key → the AORs it was put under, so a call's end touches those, not every extension.
  private final Map<String, Set<String>> aorsByCall = new ConcurrentHashMap<>();
  private final Map<String, Started> calls = new ConcurrentHashMap<>();
  private final AtomicLong order = new AtomicLong();

  @Override
  public void started(Branching call, SipRequest invite) {
    calls.put(key(call.callId(), call.callerTag()), new Started(call, order.incrementAndGet()));
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
    calls.remove(key);
    Set<String> aors = aorsByCall.remove(key);
    if (aors != null) {
      for (String aor : aors) {
        remove(aor, key);
      }
    }
  }

  /**
   * The oldest call ringing (trying or early, nobody answered) at an extension {@code pickable}
   * accepts, or null: what call pickup takes.
   */
  Ringing ringing(Predicate<String> pickable) {
    // Candidates are gathered one map lock at a time, so two pickups never wait on each other.
    Map<String, String> ringingAt = new java.util.HashMap<>();
    for (Map.Entry<String, Map<String, Dialog>> e : byAor.entrySet()) {
      if (pickable.test(e.getKey())) {
        Map<String, Dialog> dialogs = e.getValue();
        synchronized (dialogs) {
          dialogs.forEach(
              (key, d) -> {
                if (!d.initiator() && !d.state().equals("confirmed")) {
                  ringingAt.putIfAbsent(key, e.getKey());
                }
              });
        }
      }
    }
    Ringing best = null;
    long bestOrder = Long.MAX_VALUE;
    for (Map.Entry<String, String> c : ringingAt.entrySet()) {
      Started s = calls.get(c.getKey());
      if (s != null && s.order() < bestOrder && !answered(c.getKey())) {
        best = new Ringing(s.call(), c.getValue());
        bestOrder = s.order();
      }
    }
    return best;
  }

  /** Whether any branch of the call {@code key} has been answered (it is no longer ringing). */
  private boolean answered(String key) {
    for (String aor : aorsByCall.getOrDefault(key, Set.of())) {
      Map<String, Dialog> dialogs = byAor.get(aor);
      if (dialogs == null) {
        continue;
      }
      synchronized (dialogs) {
        Dialog d = dialogs.get(key);
        if (d != null && d.state().equals("confirmed")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Every call of {@code domain}'s extensions now, by address of record: what the tenant admin's
   * console shows as who is on the phone (the same state busy lamps get).
   */
  List<LineState> lines(String domain) {
    String suffix = "@" + domain.toLowerCase(java.util.Locale.ROOT);
    List<LineState> lines = new ArrayList<>();
    for (Map.Entry<String, Map<String, Dialog>> e : byAor.entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        Map<String, Dialog> dialogs = e.getValue();
        synchronized (dialogs) {
          for (Dialog d : dialogs.values()) {
            lines.add(new LineState(e.getKey(), d.state(), d.initiator()));
          }
        }
      }
    }
    lines.sort(Comparator.comparing(LineState::aor));
    return lines;
  }

  /** Whether {@code aor} has an answered call now. */
  boolean onThePhone(String aor) {
    Map<String, Dialog> calls = byAor.get(aor);
    if (calls == null) {
      return false;
    }
    synchronized (calls) {
      return calls.values().stream().anyMatch(d -> d.state().equals("confirmed"));
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
    return uri instanceof SipUri u && u.user() != null ? u.sipAor() : null;
  }

  private static String key(String callId, String callerTag) {
    return callId + "\u0000" + callerTag;
  }
}
