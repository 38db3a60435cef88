package dev.switchboard.ua;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.sip.transaction.ClientTransaction;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transaction.TimerService;
import dev.switchboard.sip.transaction.TransactionLayer;
import dev.switchboard.sip.transport.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user agent core (RFC 3261 §8, §12–§15) on a transaction layer: makes and takes calls, keeps
 * their dialogs, answers requests within them, and sends requests with digest retries. It is not
 * itself the transaction user: a {@link Softphone} hands it everything, a server hands it only the
 * requests that are its services' (see {@link #owns}).
 */
public final class UaCore {
  private static final Logger log = LoggerFactory.getLogger(UaCore.class);
  static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY";

  /**
   * How the core behaves.
   *
   * @param outboundProxy where requests outside a dialog go (null: to the Request-URI's IP literal)
   * @param userAgent the User-Agent/Server header value
   * @param credentials the digest credentials for challenges (null: none)
   * @param sessionExpires the session interval we ask for and accept (RFC 4028); zero for none
   * @param contactUser the user part of our Contact (null for none)
   */
  public record Settings(
      Endpoint outboundProxy,
      String userAgent,
      Credentials credentials,
      Duration sessionExpires,
      String contactUser) {

    public static Settings of(String userAgent) {
      return new Settings(null, userAgent, null, Duration.ofMinutes(30), null);
    }

    public Settings withOutboundProxy(Endpoint proxy) {
      return new Settings(proxy, userAgent, credentials, sessionExpires, contactUser);
    }

    public Settings withCredentials(Credentials c) {
      return new Settings(outboundProxy, userAgent, c, sessionExpires, contactUser);
    }

    public Settings withSessionExpires(Duration d) {
      return new Settings(outboundProxy, userAgent, credentials, d, contactUser);
    }

    public Settings withContactUser(String user) {
      return new Settings(outboundProxy, userAgent, credentials, sessionExpires, user);
    }
  }

  private final TransactionLayer layer;
  private final TimerService timers;
  private final LocalContact contact;
  private final MediaSettings media;
  private final Settings settings;
  private final ConcurrentHashMap<DialogId, Call> dialogs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ServerTransaction, Call> ringing = new ConcurrentHashMap<>();
  private volatile IncomingCallHandler incoming = IncomingCallHandler.REFUSE;

  public UaCore(
      TransactionLayer layer,
      TimerService timers,
      LocalContact contact,
      MediaSettings media,
      Settings settings) {
    this.layer = Objects.requireNonNull(layer);
    this.timers = Objects.requireNonNull(timers);
    this.contact = Objects.requireNonNull(contact);
    this.media = Objects.requireNonNull(media);
    this.settings = Objects.requireNonNull(settings);
  }

  /** Who decides about new incoming calls. */
  public void setIncomingCallHandler(IncomingCallHandler handler) {
    this.incoming = Objects.requireNonNull(handler);
  }

  TransactionLayer layer() {
    return layer;
  }

  TimerService timers() {
    return timers;
  }

  public LocalContact contact() {
    return contact;
  }

  MediaSettings media() {
    return media;
  }

  Settings settings() {
    return settings;
  }

  Credentials credentials() {
    return settings.credentials();
  }

  /** Our Contact URI. */
  SipUri contactUri() {
    return contact.uri(settings.contactUser());
  }

  /** Calls with a dialog right now. */
  public Collection<Call> calls() {
    return List.copyOf(dialogs.values());
  }

  /** Whether {@code request} belongs to a dialog of ours (a BYE, re-INVITE, INFO for our call). */
  public boolean owns(SipRequest request) {
    try {
      return request.to().tag() != null && dialogs.containsKey(DialogId.ofIncoming(request));
    } catch (SipParseException e) {
      return false;
    }
  }

  /** A request for us: a new call, or a request within one of our dialogs. */
  public void onRequest(ServerTransaction tx) {
    SipRequest r = tx.request();
    try {
      if (r.to().tag() != null) {
        Call call = dialogs.get(DialogId.ofIncoming(r));
        if (call == null) {
          tx.respond(481);
        } else {
          call.onInDialogRequest(tx);
        }
        return;
      }
      switch (r.method()) {
        case SipRequest.INVITE -> newCall(tx);
        case SipRequest.OPTIONS -> {
          SipResponse ok = tx.createResponse(200);
          ok.setHeader(HeaderNames.ALLOW, ALLOW);
          ok.setHeader(HeaderNames.ACCEPT, "application/sdp");
          tx.respond(ok);
        }
        case SipRequest.BYE, SipRequest.INFO, SipRequest.UPDATE -> tx.respond(481);
        default -> {
          SipResponse no = tx.createResponse(405);
          no.setHeader(HeaderNames.ALLOW, ALLOW);
          tx.respond(no);
        }
      }
    } catch (SipParseException e) {
      tx.respond(tx.request().createResponse(400, e.getMessage()));
    }
  }

  private void newCall(ServerTransaction tx) {
    Call call;
    try {
      call = Call.incoming(this, tx);
    } catch (SipParseException e) {
      SipResponse bad = tx.request().createResponse(400, e.getMessage());
      bad.setTo(bad.to().withTag(tx.localTag()));
      tx.respond(bad);
      return;
    }
    if (call == null) {
      return; // refused already (bad SDP, session interval too small)
    }
    ringing.put(tx, call);
    tx.onTerminated(() -> ringing.remove(tx, call));
    try {
      incoming.onIncoming(call);
    } catch (RuntimeException e) {
      log.warn("the incoming-call handler failed", e);
      call.reject(500);
    }
  }

  /** An ACK outside any transaction: the ACK for our 2xx. Returns whether it was ours. */
  public boolean onAck(SipRequest ack, Endpoint source) {
    try {
      Call call = dialogs.get(DialogId.ofIncoming(ack));
      if (call == null) {
        return false;
      }
      call.onAck(ack);
      return true;
    } catch (SipParseException e) {
      return false;
    }
  }

  /** A CANCEL for an INVITE we have not answered yet. Returns whether it was ours. */
  public boolean onCancel(InviteServerTransaction target, SipRequest cancel) {
    Call call = ringing.get(target);
    if (call == null) {
      return false;
    }
    call.onCancel();
    return true;
  }

  /**
   * A response matching no transaction: a retransmitted 2xx to our INVITE after its transaction
   * ended, which we acknowledge again. Returns whether it was ours.
   */
  public boolean onStrayResponse(SipResponse r, Endpoint source) {
    try {
      if (!r.isSuccess() || !r.cseq().method().equals(SipRequest.INVITE)) {
        return false;
      }
      Call call = dialogs.get(DialogId.ofResponse(r));
      if (call == null) {
        return false;
      }
      call.onInviteResponse(null, r);
      return true;
    } catch (SipParseException e) {
      return false;
    }
  }

  /**
   * Calls {@code to} as {@code from}: opens the media, sends the INVITE with our offer. The
   * listener hears the rest.
   */
  public Call call(Address from, Address to, CallListener listener) throws IOException {
    return Call.outgoing(this, from, to, listener);
  }

  /** As {@link #call(Address, Address, CallListener)}, the INVITE carrying {@code headers}. */
  public Call call(Address from, Address to, CallListener listener, Map<String, String> headers)
      throws IOException {
    return Call.outgoing(this, from, to, listener, headers);
  }

  /** Starts registering {@code aor} here every {@code expires} seconds (refreshed halfway). */
  public Registration register(SipUri registrar, Address aor, int expires) {
    return new Registration(this, registrar, aor, expires);
  }

  void bind(DialogId id, Call call) {
    dialogs.put(id, call);
  }

  void unbind(DialogId id, Call call) {
    dialogs.remove(id, call);
  }

  /** Where a request outside a dialog goes: the outbound proxy, else the URI's IP literal. */
  Endpoint hopFor(Uri requestUri) {
    if (settings.outboundProxy() != null) {
      return settings.outboundProxy();
    }
    return requestUri instanceof SipUri u ? Hops.of(u) : null;
  }

  /**
   * Pushes our Via with a new branch and sends {@code request} in a new client transaction,
   * answering a digest challenge once; the final response (or a made-up 503) reaches the handler.
   */
  ClientTransaction send(
      SipRequest request, Endpoint hop, LongSupplier nextSeq, ResponseHandler handler) {
    request.pushVia(contact.via(layer.newBranch()));
    if (settings.userAgent() != null && !request.headers().contains(HeaderNames.USER_AGENT)) {
      request.setHeader(HeaderNames.USER_AGENT, settings.userAgent());
    }
    if (hop == null) {
      ClientTransaction none = null;
      handler.onResponse(none, request.createResponse(503, "No route"));
      return null;
    }
    try {
      return layer.sendRequest(request, hop, new ChallengeAnswerer(this, hop, nextSeq, handler));
    } catch (RuntimeException e) {
      log.debug("could not send {}", request.method(), e);
      handler.onResponse(null, request.createResponse(503, "Cannot send"));
      return null;
    }
  }

  /** Sends an ACK (no transaction) with a fresh Via. */
  void sendAck(SipRequest ack, Endpoint hop) {
    ack.pushVia(contact.via(layer.newBranch()));
    if (hop != null) {
      layer.sendStateless(ack, hop);
    }
  }

  /** A new random tag or Call-ID word. */
  static String token() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }
}
