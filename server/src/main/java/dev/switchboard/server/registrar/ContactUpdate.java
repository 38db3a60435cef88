package dev.switchboard.server.registrar;

import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.BindingChange;
import dev.switchboard.server.location.BindingOutcome;
import dev.switchboard.server.location.BindingUpdate;
import dev.switchboard.server.usage.RegistrationEvent.Kind;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transport.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 3261 §10.3 steps 6 and 7 for one REGISTER: add, refresh or remove each contact (or all of
 * them for {@code *}), refusing the whole request when a binding was last changed by the same
 * Call-ID with an equal or higher CSeq. Over {@code maxContacts}, the least recently refreshed
 * bindings the request did not touch are dropped.
 */
record ContactUpdate(
    String aor,
    boolean wildcard,
    List<RequestedContact> contacts,
    String callId,
    long cseq,
    List<Address> path,
    Endpoint source,
    String userAgent,
    int maxContacts)
    implements BindingUpdate {

  static final String OUT_OF_ORDER = "Out of Order REGISTER";

  @Override
  public BindingOutcome apply(List<Binding> current, Instant now) {
    List<Binding> next = new ArrayList<>(current);
    List<BindingChange> changes = new ArrayList<>();
    if (wildcard) {
      for (Binding b : current) {
        if (outOfOrder(b)) {
          return new BindingOutcome.Refused(500, OUT_OF_ORDER);
        }
        changes.add(new BindingChange(Kind.REMOVED, b));
      }
      return new BindingOutcome.Changed(List.of(), changes);
    }
    // What this request did to each binding it wrote, so a contact listed twice is one change.
    Map<Binding, Kind> touched = new IdentityHashMap<>();
    for (RequestedContact rc : contacts) {
      int i = indexOf(next, rc.contact());
      if (i < 0) {
        if (rc.expires() > 0) {
          Binding b = binding(rc, now);
          next.add(b);
          touched.put(b, Kind.ADDED);
          changes.add(new BindingChange(Kind.ADDED, b));
        }
        continue;
      }
      Binding existing = next.get(i);
      // A contact listed twice in one request is not "out of order" against itself.
      Kind earlier = touched.get(existing);
      if (earlier == null && outOfOrder(existing)) {
        return new BindingOutcome.Refused(500, OUT_OF_ORDER);
      }
      changes.removeIf(c -> c.binding() == existing);
      if (rc.expires() == 0) {
        next.remove(i);
        if (earlier != Kind.ADDED) {
          changes.add(new BindingChange(Kind.REMOVED, existing));
        }
      } else {
        Binding b = binding(rc, now);
        next.set(i, b);
        Kind kind = earlier == null ? Kind.REFRESHED : earlier;
        touched.put(b, kind);
        changes.add(new BindingChange(kind, b));
      }
    }
    if (next.size() > maxContacts) {
      List<Binding> oldest =
          next.stream()
              .filter(b -> !touched.containsKey(b))
              .sorted(Comparator.comparing(Binding::updatedAt))
              .limit(next.size() - maxContacts)
              .toList();
      for (Binding b : oldest) {
        next.remove(b);
        changes.add(new BindingChange(Kind.REMOVED, b));
      }
    }
    return new BindingOutcome.Changed(next, changes);
  }

  private boolean outOfOrder(Binding b) {
    return b.callId().equals(callId) && cseq <= b.cseq();
  }

  private Binding binding(RequestedContact rc, Instant now) {
    return new Binding(
        aor,
        rc.contact(),
        rc.qMillis(),
        now.plusSeconds(rc.expires()),
        callId,
        cseq,
        path,
        source,
        userAgent,
        now);
  }

  static int indexOf(List<Binding> list, Address contact) {
    // A refresh usually repeats the contact word for word: the same text is the same URI, and
    // comparing texts spares parsing every stored contact again on each REGISTER.
    String text = contact.toString();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).contactText().equals(text)) {
        return i;
      }
    }
    for (int i = 0; i < list.size(); i++) {
      if (sameUri(list.get(i).contact(), contact)) {
        return i;
      }
    }
    return -1;
  }

  /** URI comparison of §19.1.4 for SIP URIs, exact text otherwise. */
  static boolean sameUri(Address a, Address b) {
    SipUri x = a.sipUri();
    SipUri y = b.sipUri();
    if (x != null && y != null) {
      return x.equivalent(y);
    }
    return a.uri().toString().equals(b.uri().toString());
  }
}
