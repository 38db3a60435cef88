package dev.switchboard.server.registrar;

import dev.switchboard.server.directory.SubscriberDirectory;
import dev.switchboard.server.edge.AuthenticatedCaller;
import dev.switchboard.server.edge.DigestGate;
import dev.switchboard.server.edge.DomainName;
import dev.switchboard.server.location.Binding;
import dev.switchboard.server.location.BindingOutcome;
import dev.switchboard.server.location.LocationRegistry;
import dev.switchboard.sip.auth.ChallengeKind;
import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transaction.ServerTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar of RFC 3261 §10.3 for our tenants' domains: digest authentication with the domain
 * as realm (done by the edge, or the {@link DigestGate} for users memory does not know yet), each
 * user registering only its own AOR, contacts added, refreshed and removed in the {@link
 * LocationRegistry}, and the 200 OK sent only once the change is durable.
 *
 * <p>Nothing here blocks: a directory miss and the durable write complete on their own threads and
 * the response is sent from there.
 */
public final class Registrar {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
  private static final DateTimeFormatter SIP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static volatile DateText lastDate = new DateText(Long.MIN_VALUE, "");
  // Column widths of the binding table: longer values are refused rather than cut.
  private static final int MAX_CONTACT = 1024;
  private static final int MAX_CALL_ID = 256;
  private static final int MAX_PATH = 2048;
  private static final int MAX_USER_AGENT = 256;

  private final SubscriberDirectory directory;
  private final LocationRegistry locations;
  private final DigestGate gate;
  private final Clock clock;
  private final RegistrarConfig config;

  public Registrar(
      SubscriberDirectory directory,
      LocationRegistry locations,
      DigestGate gate,
      Clock clock,
      RegistrarConfig config) {
    this.directory = directory;
    this.locations = locations;
    this.gate = gate;
    this.clock = clock;
    this.config = config;
  }

  /** Answers a REGISTER (already screened per §8.2), now or later from another thread. */
  public void onRegister(ServerTransaction tx) {
    try {
      receive(tx);
    } catch (SipParseException e) {
      respond(tx, 400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("REGISTER failed: {}", e.toString(), e);
      respond(tx, 500, null);
    }
  }

  private void receive(ServerTransaction tx) {
    SipRequest request = tx.request();
    // Step 1: only our tenants' domains; we do not proxy REGISTER elsewhere.
    if (!(request.requestUri() instanceof SipUri ruri)) {
      respond(tx, 416, null);
      return;
    }
    String domain = DomainName.normalize(ruri.host());
    if (directory.tenant(domain).isPresent()) {
      receiveForDomain(tx, domain);
      return;
    }
    // A tenant created a moment ago may not have reached this node's cache from the change log
    // yet: ask the database, off this thread, before saying the domain is not ours.
    directory
        .findTenant(domain)
        .whenComplete(
            (tenant, error) -> {
              if (error != null || tenant == null || tenant.isEmpty()) {
                respond(tx, 404, "Domain Not Served");
              } else {
                onDomain(tx, domain);
              }
            });
  }

  private void onDomain(ServerTransaction tx, String domain) {
    try {
      receiveForDomain(tx, domain);
    } catch (SipParseException e) {
      respond(tx, 400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("REGISTER failed: {}", e.toString(), e);
      respond(tx, 500, null);
    }
  }

  private void receiveForDomain(ServerTransaction tx, String domain) {
    SipRequest request = tx.request();
    // Step 5 checked early: it needs no credentials and tells nothing about users.
    SipUri to = request.to().sipUri();
    if (to == null || to.user() == null || !domain.equals(DomainName.normalize(to.host()))) {
      respond(tx, 404, "Not Found");
      return;
    }
    // Step 3: usually the edge authenticated already; otherwise (a user memory does not know
    // yet) the gate looks the user up first.
    gate.forTransaction(tx, domain, ChallengeKind.WWW)
        .whenComplete(
            (decision, error) -> {
              if (error != null) {
                LOG.warn("authenticating a REGISTER for {} failed: {}", domain, error.toString());
                respond(tx, 500, null);
              } else if (decision instanceof DigestGate.Decision.Pass pass) {
                try {
                  authorized(tx, domain, to, pass.caller());
                } catch (SipParseException e) {
                  respond(tx, 400, e.getMessage());
                } catch (RuntimeException e) {
                  LOG.warn("REGISTER failed: {}", e.toString(), e);
                  respond(tx, 500, null);
                }
              } else if (decision instanceof DigestGate.Decision.Deny deny) {
                SipResponse r = deny.response();
                if (r.to().tag() == null) {
                  r.setTo(r.to().withTag(tx.localTag()));
                }
                tx.respond(r);
              } else {
                respond(tx, 500, null);
              }
            });
  }

  private void authorized(
      ServerTransaction tx, String domain, SipUri to, AuthenticatedCaller caller) {
    // Step 4: a user registers its own AOR only, and only while it may use the service.
    if (!caller.user().equals(SipUri.unescape(to.user()))) {
      respond(tx, 403, "Not Your Address of Record");
      return;
    }
    if (!caller.subscriber().admitted()) {
      respond(tx, 403, "Account Disabled");
      return;
    }
    update(tx, "sip:" + SipUri.unescape(to.user()) + "@" + domain);
  }

  /** Steps 6 and 7: read the contacts, check their expiry, and hand the change to the registry. */
  private void update(ServerTransaction tx, String aor) {
    SipRequest request = tx.request();
    boolean wildcard = request.isWildcardContact();
    List<Address> listed = request.contacts();
    long headerExpires = request.expires();
    if (wildcard && (!listed.isEmpty() || headerExpires != 0)) {
      respond(tx, 400, "Contact * needs Expires: 0 and no other Contact");
      return;
    }
    List<RequestedContact> contacts = new ArrayList<>(listed.size());
    for (Address a : listed) {
      String param = a.param("expires");
      long expires =
          param != null
              ? SipMessage.deltaSeconds(param.strip(), HeaderNames.CONTACT)
              : headerExpires >= 0 ? headerExpires : config.defaultExpires();
      if (expires > 0 && expires < config.minExpires()) {
        SipResponse r = tx.createResponse(423);
        r.setHeader(HeaderNames.MIN_EXPIRES, Long.toString(config.minExpires()));
        tx.respond(r);
        return;
      }
      Address contact = a.withoutParam("expires").withoutParam("q");
      if (contact.toString().length() > MAX_CONTACT) {
        respond(tx, 400, "Contact Too Long");
        return;
      }
      contacts.add(
          new RequestedContact(
              contact,
              Math.min(expires, config.maxExpires()),
              RequestedContact.parseQ(a.param("q"))));
    }
    if (contacts.size() > config.maxContacts()) {
      respond(tx, 403, "Too Many Contacts");
      return;
    }
    List<Address> path = new ArrayList<>();
    for (String line : request.headers().all(HeaderNames.PATH)) {
      path.addAll(Address.parseList(line));
    }
    if (String.join(", ", request.headers().all(HeaderNames.PATH)).length() > MAX_PATH
        || request.callId().length() > MAX_CALL_ID) {
      respond(tx, 400, "Header Too Long");
      return;
    }
    String userAgent = request.header(HeaderNames.USER_AGENT);
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
    boolean echoPath =
        !path.isEmpty()
            && request.tokens(HeaderNames.SUPPORTED).stream()
                .anyMatch(t -> t.equalsIgnoreCase("path"));
    ContactUpdate change =
        new ContactUpdate(
            aor,
            wildcard,
            contacts,
            request.callId(),
            request.cseq().number(),
            path,
            tx.source(),
            userAgent,
            config.maxContacts());
    locations
        .update(aor, change)
        .whenComplete(
            (outcome, error) -> {
              if (error != null) {
                respond(tx, 500, "Bindings Not Stored");
              } else if (outcome instanceof BindingOutcome.Refused refused) {
                respond(tx, refused.status(), refused.reason());
              } else if (outcome instanceof BindingOutcome.Changed changed) {
                tx.respond(ok(tx, changed.bindings(), echoPath ? path : List.of()));
              }
            });
  }

  /** Step 8: 200 listing every current binding with its remaining time, and a Date. */
  private SipResponse ok(ServerTransaction tx, List<Binding> bindings, List<Address> path) {
    Instant now = clock.instant();
    SipResponse r = tx.createResponse(200);
    for (Binding b : bindings) {
      long remaining =
          Math.max(0, (b.expiresAt().toEpochMilli() - now.toEpochMilli() + 999) / 1000);
      Address c = b.contact();
      if (b.qMillis() != RequestedContact.DEFAULT_Q) {
        c = c.withParam("q", RequestedContact.formatQ(b.qMillis()));
      }
      r.addHeader(HeaderNames.CONTACT, c.withParam("expires", Long.toString(remaining)).toString());
    }
    for (Address p : path) {
      r.addHeader(HeaderNames.PATH, p.toString());
    }
    r.setHeader(HeaderNames.DATE, sipDate(now));
    return r;
  }

  /** The Date header's text, formatted once a second: formatting per 200 was 2 % of its CPU. */
  private static String sipDate(Instant now) {
    long second = now.getEpochSecond();
    DateText last = lastDate;
    if (last.second() != second) {
      last = new DateText(second, SIP_DATE.format(Instant.ofEpochSecond(second)));
      lastDate = last;
    }
    return last.text();
  }

  private record DateText(long second, String text) {}

  private static void respond(ServerTransaction tx, int status, String reason) {
    SipResponse r = tx.request().createResponse(status, reason);
    if (r.to().tag() == null) {
      r.setTo(r.to().withTag(tx.localTag()));
    }
    tx.respond(r);
  }
}
