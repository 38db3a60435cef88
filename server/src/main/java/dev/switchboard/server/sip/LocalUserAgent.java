package dev.switchboard.server.sip;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.transaction.InviteServerTransaction;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.sip.transport.Endpoint;

/**
 * A user agent inside the node (the voicemail service): requests within its dialogs go to it before
 * the proxy sees them, since those dialogs end here and not behind us.
 */
public interface LocalUserAgent {
  LocalUserAgent NONE =
      new LocalUserAgent() {
        @Override
        public boolean owns(SipRequest request) {
          return false;
        }

        @Override
        public void onRequest(ServerTransaction tx) {}

        @Override
        public boolean onAck(SipRequest ack, Endpoint source) {
          return false;
        }

        @Override
        public boolean onCancel(InviteServerTransaction target, SipRequest cancel) {
          return false;
        }
      };

  /** Whether {@code request} belongs to one of our dialogs. */
  boolean owns(SipRequest request);

  /** A request {@link #owns} said is ours. */
  void onRequest(ServerTransaction tx);

  /** The ACK for one of our 2xx responses; false when it is not ours. */
  boolean onAck(SipRequest ack, Endpoint source);

  /** A CANCEL for an INVITE we have not answered yet; false when it is not ours. */
  boolean onCancel(InviteServerTransaction target, SipRequest cancel);
}
