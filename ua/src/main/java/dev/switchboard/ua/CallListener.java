package dev.switchboard.ua;

/**
 * What a call tells its application. Called on SIP or media threads: a listener may call the call's
 * methods but must not block.
 */
public interface CallListener {

  /** A provisional response (180 or 183) said the far end is alerting. */
  default void onRinging(Call call) {}

  /** The call was answered and media agreed (UAC: 2xx received; UAS: our 2xx sent). */
  default void onAnswered(Call call) {}

  /** A key arrived, by RFC 4733 or SIP INFO. */
  default void onDigit(Call call, char digit) {}

  /** The far end put us on hold ({@code true}) or took us off it. */
  default void onRemoteHold(Call call, boolean held) {}

  /**
   * The far end asks us (REFER) to call {@code target}, a transfer. Return the listener for the new
   * call to follow it, or null to decline (603), which is the default.
   */
  default CallListener onReferred(Call call, dev.switchboard.sip.message.SipUri target) {
    return null;
  }

  /** A NOTIFY about a transfer we asked for: the status of the far end's new call so far. */
  default void onTransferProgress(Call call, int status) {}

  /** The call is over; its media is closed. */
  default void onEnded(Call call, CallEnd end) {}
}
