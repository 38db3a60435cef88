package dev.switchboard.ua;

/**
 * Decides about a new incoming call: answer it ({@link Call#answer}), let it ring ({@link
 * Call#ring}) or refuse it ({@link Call#reject}). Runs on a SIP thread and must not block.
 */
@FunctionalInterface
public interface IncomingCallHandler {

  /** Refuses every call with 480: a user agent that takes no calls. */
  IncomingCallHandler REFUSE = call -> call.reject(480);

  void onIncoming(Call call);
}
