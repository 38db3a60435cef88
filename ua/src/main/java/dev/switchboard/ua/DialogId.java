package dev.switchboard.ua;

import dev.switchboard.sip.message.SipMessage;
import dev.switchboard.sip.message.SipRequest;

/** A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag. */
public record DialogId(String callId, String localTag, String remoteTag) {

  /** The dialog an incoming request belongs to: we are the To side. */
  static DialogId ofIncoming(SipRequest r) {
    return new DialogId(r.callId(), r.to().tag(), r.from().tag());
  }

  /** The dialog a response to our request belongs to: we are the From side. */
  static DialogId ofResponse(SipMessage r) {
    return new DialogId(r.callId(), r.from().tag(), r.to().tag());
  }
}
