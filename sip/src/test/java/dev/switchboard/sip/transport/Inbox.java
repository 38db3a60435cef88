package dev.switchboard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.message.SipMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A message handler that queues what the transport delivers, for tests to take with a bound. */
final class Inbox implements SipMessageHandler {
  record Arrival(SipMessage message, Endpoint source) {}

  private final BlockingQueue<Arrival> queue = new LinkedBlockingQueue<>();

  @Override
  public void onMessage(SipMessage message, Endpoint source) {
    queue.add(new Arrival(message, source));
  }

  Arrival take() throws InterruptedException {
    Arrival a = queue.poll(5, TimeUnit.SECONDS);
    assertThat(a).as("a message within 5 s").isNotNull();
    return a;
  }

  /** Asserts nothing arrives within {@code millis}. */
  void expectNothing(long millis) throws InterruptedException {
    assertThat(queue.poll(millis, TimeUnit.MILLISECONDS)).isNull();
  }
}
