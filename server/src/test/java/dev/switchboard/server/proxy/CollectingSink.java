package dev.switchboard.server.proxy;

import dev.switchboard.server.usage.CallDetailRecord;
import dev.switchboard.server.usage.UsageEvent;
import dev.switchboard.server.usage.UsageSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every usage event for the test to look at. */
public final class CollectingSink implements UsageSink {
  private final List<UsageEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(UsageEvent event) {
    events.add(event);
  }

  public List<CallDetailRecord> calls() {
    return events.stream()
        .filter(CallDetailRecord.class::isInstance)
        .map(CallDetailRecord.class::cast)
        .toList();
  }

  public void clear() {
    events.clear();
  }
}
