package dev.switchboard.store.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is registered right now, per tenant, as the console lists it. The registrar's location
 * service answers from memory; this interface lets the console ask without knowing SIP.
 */
public interface Registrations {

  /** No registrar on this node: nobody is registered. */
  Registrations NONE = (domain, now, limit, cursor) -> new Page<>(List.of(), null);

  /**
   * Up to {@code limit} bindings of {@code domain} unexpired at {@code now}, ordered by address of
   * record then id, starting after {@code cursor} (null: from the first).
   */
  Page<ActiveBinding> active(String domain, Instant now, int limit, String cursor);

  /**
   * One page of {@code sorted} (by address of record, then id) after {@code cursor}, with the
   * cursor of the next page.
   */
  static Page<ActiveBinding> page(List<ActiveBinding> sorted, int limit, String cursor) {
    PageCursor after = PageCursor.decode(cursor);
    List<ActiveBinding> out = new ArrayList<>(Math.min(limit, sorted.size()));
    boolean more = false;
    for (ActiveBinding b : sorted) {
      if (after != null) {
        int c = b.aor().compareTo(after.key());
        if (c < 0 || (c == 0 && b.id() <= after.id())) {
          continue;
        }
      }
      if (out.size() == limit) {
        more = true;
        break;
      }
      out.add(b);
    }
    if (!more) {
      return new Page<>(out, null);
    }
    ActiveBinding last = out.get(out.size() - 1);
    return new Page<>(out, new PageCursor(last.aor(), last.id()).encode());
  }
}
