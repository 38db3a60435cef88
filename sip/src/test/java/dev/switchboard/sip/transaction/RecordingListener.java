package dev.switchboard.sip.transaction;

import dev.switchboard.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** A client TU that records responses as "status@millis"; timeouts and errors use the defaults. */
final class RecordingListener implements ClientTransactionListener {
  private final VirtualClock clock;
  final List<String> events = new ArrayList<>();
  final List<SipResponse> responses = new ArrayList<>();

  RecordingListener(VirtualClock clock) {
    this.clock = clock;
  }

  @Override
  public void onResponse(ClientTransaction tx, SipResponse response) {
    events.add(response.status() + "@" + clock.now().toMillis());
    responses.add(response);
  }
}
