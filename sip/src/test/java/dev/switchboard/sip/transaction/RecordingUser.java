package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipRequest;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transport.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A TU that records what the layer hands it, and can answer new requests through a hook. */
final class RecordingUser implements TransactionUser, ServerTransactionListener {
  final List<ServerTransaction> requests = new ArrayList<>();
  final List<SipRequest> acks = new ArrayList<>();
  final List<SipResponse> strays = new ArrayList<>();
  final List<InviteServerTransaction> cancelled = new ArrayList<>();
  final List<SipRequest> cancels = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  Consumer<ServerTransaction> answer = tx -> {};

  @Override
  public void onRequest(ServerTransaction tx) {
    requests.add(tx);
    tx.setListener(this);
    answer.accept(tx);
  }

  @Override
  public void onAck(SipRequest ack, Endpoint source) {
    acks.add(ack);
  }

  @Override
  public void onStrayResponse(SipResponse response, Endpoint source) {
    strays.add(response);
  }

  @Override
  public void onCancel(InviteServerTransaction target, SipRequest cancel) {
    cancelled.add(target);
    cancels.add(cancel);
  }

  @Override
  public void onTimeout(ServerTransaction tx) {
    failures.add("timeout");
  }

  @Override
  public void onTransportError(ServerTransaction tx, Throwable cause) {
    failures.add("transport error: " + cause.getMessage());
  }

  ServerTransaction last() {
    return requests.get(requests.size() - 1);
  }
}
