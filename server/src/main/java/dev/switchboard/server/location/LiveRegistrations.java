package dev.switchboard.server.location;

import dev.switchboard.store.usage.ActiveBinding;
import dev.switchboard.store.usage.Page;
import dev.switchboard.store.usage.Registrations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The console's view of who is registered, read from the location service's memory: a tenant's
 * acknowledged, unexpired bindings, alphabetical by address of record.
 */
public final class LiveRegistrations implements Registrations {
  private final IndexedLocationService locations;

  public LiveRegistrations(IndexedLocationService locations) {
    this.locations = locations;
  }

  @Override
  public Page<ActiveBinding> active(String domain, Instant now, int limit, String cursor) {
    String suffix = "@" + domain.toLowerCase(Locale.ROOT);
    List<ActiveBinding> rows = new ArrayList<>();
    // A scan of every AOR: a console page is rare next to REGISTERs, and an index per domain
    // would cost memory for every binding.
    locations.forEachDurable(
        (aor, bindings) -> {
          if (!aor.endsWith(suffix)) {
            return;
          }
          for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            if (!b.expired(now)) {
              rows.add(
                  new ActiveBinding(
                      i,
                      aor,
                      b.contactText(),
                      b.source().transport().name().toLowerCase(Locale.ROOT),
                      b.userAgent(),
                      b.expiresAt()));
            }
          }
        });
    rows.sort(Comparator.comparing(ActiveBinding::aor).thenComparingLong(ActiveBinding::id));
    return Registrations.page(rows, limit, cursor);
  }
}
