package dev.switchboard.server.usage;

/**
 * Takes usage events from the SIP hot path. Implementations must not block: they queue (bounded)
 * and write in batches off the calling thread; when the queue is full they count and drop.
 */
@FunctionalInterface
public interface UsageSink {
  void accept(UsageEvent event);

  UsageSink NONE = event -> {};
}
