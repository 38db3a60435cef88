package dev.switchboard.ua;

import dev.switchboard.sip.message.HeaderNames;
import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.transaction.TimerService;
import java.time.Duration;
import java.util.Locale;

/**
 * The session timer of one call (RFC 4028): the refresher re-offers halfway through the interval;
 * the other side sends BYE when no refresh came by {@code interval − min(32 s, interval/3)}.
 */
final class SessionTimer {
  static final int MIN_SE = 90;

  /** What a Session-Expires header says: the interval and who refreshes (uac, uas or null). */
  record Interval(int seconds, String refresher) {
    static Interval of(SipMessage m) {
      String v = m.header(HeaderNames.SESSION_EXPIRES); // the parser maps the compact "x"
      if (v == null) {
        return null;
      }
      String[] parts = v.split(";");
      int seconds;
      try {
        seconds = Integer.parseInt(parts[0].strip());
      } catch (NumberFormatException e) {
        return null;
      }
      String refresher = null;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("refresher=")) {
          refresher = p.substring("refresher=".length()).strip();
        }
      }
      return seconds > 0 ? new Interval(seconds, refresher) : null;
    }
  }

  private final TimerService timers;
  private final Runnable refresh;
  private final Runnable expire;
  private TimerService.Scheduled pending;
  private int seconds;
  private boolean weRefresh;

  SessionTimer(TimerService timers, Runnable refresh, Runnable expire) {
    this.timers = timers;
    this.refresh = refresh;
    this.expire = expire;
  }

  /** Starts (or restarts after a refresh) an interval of {@code seconds}. */
  synchronized void start(int seconds, boolean weRefresh) {
    this.seconds = seconds;
    this.weRefresh = weRefresh;
    restart();
  }

  /** A refresh went through: count the interval from now. */
  synchronized void restart() {
    cancel();
    if (seconds <= 0) {
      return;
    }
    long delay = weRefresh ? seconds * 500L : (seconds - Math.min(32, seconds / 3)) * 1000L;
    pending = timers.schedule(Duration.ofMillis(delay), weRefresh ? refresh : expire);
  }

  synchronized void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  synchronized boolean running() {
    return seconds > 0;
  }
}
