package dev.switchboard.server.usage;

import dev.switchboard.store.usage.CallRecord;
import dev.switchboard.store.usage.CallRecordRepository;
import dev.switchboard.store.usage.RegistrationEventRepository;
import dev.switchboard.store.usage.RegistrationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/** Writes a batch of usage events to the call_record and registration_event tables at once. */
final class UsageTables implements UsageBatchTarget {

  private final Jdbi jdbi;
  private final CallRecordRepository calls;
  private final RegistrationEventRepository registrations;

  UsageTables(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.calls = new CallRecordRepository(jdbi);
    this.registrations = new RegistrationEventRepository(jdbi);
  }

  @Override
  public void write(List<UsageEvent> batch) {
    List<CallRecord> callRows = new ArrayList<>();
    List<RegistrationRecord> registrationRows = new ArrayList<>();
    for (UsageEvent e : batch) {
      if (e instanceof CallDetailRecord c) {
        callRows.add(row(c));
      } else if (e instanceof RegistrationEvent r) {
        registrationRows.add(row(r));
      }
    }
    jdbi.useTransaction(
        h -> {
          calls.insertAll(h, callRows);
          registrations.insertAll(h, registrationRows);
        });
  }

  static CallRecord row(CallDetailRecord c) {
    return new CallRecord(
        0,
        c.domain(),
        c.callId(),
        c.fromUri(),
        c.toUri(),
        lower(c.direction()),
        c.setupTime(),
        c.answerTime(),
        c.endTime(),
        c.durationSeconds(),
        c.status(),
        lower(c.endedBy()),
        c.durationMillis(),
        lower(c.routing()),
        c.answeredBy(),
        c.referredBy());
  }

  static RegistrationRecord row(RegistrationEvent r) {
    return new RegistrationRecord(
        0,
        r.domain(),
        r.aor(),
        r.contact(),
        lower(r.kind()),
        r.occurredAt(),
        r.transport(),
        r.sourceAddress(),
        r.userAgent());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
