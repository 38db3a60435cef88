package dev.switchboard.ua;

import dev.switchboard.sip.message.Address;
import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transaction.TimerService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REGISTER client (RFC 3261 §10.2): one Call-ID with a rising CSeq, digest answered once,
 * refreshed halfway through what the registrar granted, removed on {@link #close}.
 */
public final class Registration implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Registration.class);

  /** The registrar refused (or never answered: 408, 503). */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status, String reason) {
      super(status + " " + reason);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final UaCore core;
  private final SipUri registrar;
  private final Address aor;
  private final int expires;
  private final String callId = UaCore.token() + UaCore.token();
  private final String fromTag = UaCore.token();
  private final CompletableFuture<Integer> first = new CompletableFuture<>();
  private long seq;
  private TimerService.Scheduled refresh;
  private boolean closed;
  private volatile int granted;

  Registration(UaCore core, SipUri registrar, Address aor, int expires) {
    this.core = core;
    this.registrar = registrar;
    this.aor = aor.withoutParam("tag");
    this.expires = expires;
  }

  /**
   * Sends the first REGISTER; completes with the granted lifetime or fails with {@link Refused}.
   */
  public CompletableFuture<Integer> start() {
    send(expires, first);
    return first;
  }

  /** The lifetime the registrar last granted, in seconds (0 before the first success). */
  public int granted() {
    return granted;
  }

  private synchronized long nextSeq() {
    return ++seq;
  }

  private void send(int lifetime, CompletableFuture<Integer> result) {
    SipRequest r = SipRequest.create(SipRequest.REGISTER, registrar);
    r.addHeader(HeaderNames.MAX_FORWARDS, "70");
    r.addHeader(HeaderNames.FROM, aor.withTag(fromTag).toString());
    r.addHeader(HeaderNames.TO, aor.toString());
    r.addHeader(HeaderNames.CALL_ID, callId);
    r.addHeader(HeaderNames.CSEQ, nextSeq() + " " + SipRequest.REGISTER);
    r.addHeader(HeaderNames.CONTACT, "<" + core.contactUri() + ">");
    r.addHeader(HeaderNames.EXPIRES, Integer.toString(lifetime));
    r.addHeader(HeaderNames.CONTENT_LENGTH, "0");
    core.send(
        r,
        core.hopFor(registrar),
        this::nextSeq,
        (tx, resp) -> {
          if (resp.isProvisional()) {
            return;
          }
          if (!resp.isSuccess()) {
            result.completeExceptionally(new Refused(resp.status(), resp.reason()));
            if (lifetime > 0) {
              retryLater();
            }
            return;
          }
          int g = grantedBy(resp, lifetime);
          granted = g;
          result.complete(g);
          if (lifetime > 0) {
            scheduleRefresh(g);
          }
        });
  }

  /** Our contact's expires in the 200, else its Expires header, else what we asked for. */
  private int grantedBy(SipResponse resp, int asked) {
    try {
      SipUri ours = core.contactUri();
      for (Address c : resp.contacts()) {
        if (c.uri() instanceof SipUri u && u.equivalent(ours) && c.param("expires") != null) {
          return Integer.parseInt(c.param("expires"));
        }
      }
      if (resp.expires() >= 0) {
        return (int) Math.min(Integer.MAX_VALUE, resp.expires());
      }
    } catch (SipParseException | NumberFormatException e) {
      log.debug("registrar's 200 unclear: {}", e.getMessage());
    }
    return asked;
  }

  private synchronized void scheduleRefresh(int grantedSeconds) {
    if (closed || grantedSeconds <= 0) {
      return;
    }
    refresh =
        core.timers()
            .schedule(
                Duration.ofMillis(Math.max(1000L, grantedSeconds * 500L)),
                () -> send(expires, new CompletableFuture<>()));
  }

  private synchronized void retryLater() {
    if (closed) {
      return;
    }
    refresh =
        core.timers()
            .schedule(Duration.ofSeconds(30), () -> send(expires, new CompletableFuture<>()));
  }

  /** Removes our binding (Expires: 0) and waits up to two seconds for the registrar. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (refresh != null) {
        refresh.cancel();
      }
    }
    if (granted > 0) {
      CompletableFuture<Integer> done = new CompletableFuture<>();
      send(0, done);
      try {
        done.get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.debug("unregister did not complete: {}", e.toString());
      }
    }
  }
}
