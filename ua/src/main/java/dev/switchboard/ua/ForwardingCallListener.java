package dev.switchboard.ua;

import dev.switchboard.sip.message.SipUri;

/** A call listener that passes every event on to another; subclasses add to the ones they watch. */
public class ForwardingCallListener implements CallListener {
  private final CallListener next;

  public ForwardingCallListener(CallListener next) {
    this.next = next;
  }

  @Override
  public void onRinging(Call call) {
    next.onRinging(call);
  }

  @Override
  public void onAnswered(Call call) {
    next.onAnswered(call);
  }

  @Override
  public void onDigit(Call call, char digit) {
    next.onDigit(call, digit);
  }

  @Override
  public void onRemoteHold(Call call, boolean held) {
    next.onRemoteHold(call, held);
  }

  @Override
  public CallListener onReferred(Call call, SipUri target) {
    return next.onReferred(call, target);
  }

  @Override
  public void onTransferProgress(Call call, int status) {
    next.onTransferProgress(call, status);
  }

  @Override
  public void onEnded(Call call, CallEnd end) {
    next.onEnded(call, end);
  }
}
