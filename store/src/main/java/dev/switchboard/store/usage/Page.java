package dev.switchboard.store.usage;

import java.util.List;

/**
 * One page of a keyset-paginated listing.
 *
 * @param next the opaque cursor of the following page, or null on the last page
 */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
  }
}
