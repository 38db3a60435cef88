package dev.switchboard.server.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The targets of one request not yet tried (§16.5), tried highest q first: targets of equal q in
 * parallel, lower q groups one after the other. A URI joins at most once, so a 3xx cannot loop.
 */
final class TargetSet {
  private final List<Target> pending = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  /** Adds {@code t} unless its URI was in the set before; returns whether it was added. */
  boolean add(Target t) {
    if (!seen.add(t.requestUri().toString())) {
      return false;
    }
    int i = 0;
    while (i < pending.size() && pending.get(i).qMillis() >= t.qMillis()) {
      i++;
    }
    pending.add(i, t);
    return true;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Removes and returns the targets with the highest q, to be tried in parallel. */
  List<Target> nextGroup() {
    List<Target> group = new ArrayList<>();
    if (pending.isEmpty()) {
      return group;
    }
    int q = pending.get(0).qMillis();
    while (!pending.isEmpty() && pending.get(0).qMillis() == q) {
      group.add(pending.remove(0));
    }
    return group;
  }

  /** Forgets what is pending: nothing more will be tried (6xx, CANCEL). */
  void clear() {
    pending.clear();
  }
}
