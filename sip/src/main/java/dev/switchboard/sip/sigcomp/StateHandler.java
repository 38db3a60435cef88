package dev.switchboard.sip.sigcomp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SigComp state handler (RFC 3320 §6): stores state items once however many compartments
 * created them, finds them by partial identifier, applies each compartment's state memory with
 * retention priorities, and keeps the compartments themselves within bounds — a total count, a
 * count per source address and a total of state memory — closing the least recently used first.
 * Thread-safe: one lock, held only for lookups and commits, never while the UDVM runs.
 */
final class StateHandler implements Udvm.StateLookup {

  /** A stored item and how many compartments hold it; local states are never deleted. */
  private static final class Stored {
    final StateItem item;
    final boolean local;
    int owners;

    Stored(StateItem item, boolean local) {
      this.item = item;
      this.local = local;
    }
  }

  /** What limits the handler applies. */
  record Limits(
      int stateMemoryPerCompartment,
      int maxCompartments,
      int maxCompartmentsPerSource,
      long maxTotalStateMemory) {}

  /** The retention priority of states made locally, such as shared states (RFC 3320 §6.2). */
  static final int LOCAL_PRIORITY = 65535;

  private final Map<Long, List<Stored>> index = new HashMap<>();
  private final LinkedHashMap<CompartmentId, Compartment> compartments =
      new LinkedHashMap<>(64, 0.75f, true);
  private final Map<InetAddress, Integer> perSource = new HashMap<>();
  private final Limits limits;
  private final SigCompCounters counters;
  private final Function<CompartmentId, PeerCompressor> compressors;
  private final SigCompParameters peerDefaults;
  private long totalUsed;
  private long sequence;

  StateHandler(
      Limits limits,
      SigCompCounters counters,
      SigCompParameters peerDefaults,
      Function<CompartmentId, PeerCompressor> compressors) {
    this.limits = limits;
    this.counters = counters;
    this.peerDefaults = peerDefaults;
    this.compressors = compressors;
  }

  /** Adds a locally available state (RFC 3320 §3.3.3), such as the RFC 3485 dictionary. */
  synchronized void addLocalState(StateItem item) {
    Stored s = stored(item);
    if (s == null) {
      index.computeIfAbsent(item.prefixKey(), k -> new ArrayList<>(1)).add(new Stored(item, true));
    }
  }

  /**
   * The one stored item a partial identifier names (RFC 3320 §7.2, §9.4.5): none, several, or one
   * that needs more identifier bytes than given all fail.
   */
  @Override
  public synchronized StateItem find(byte[] partialId) throws DecompressionFailure {
    List<Stored> candidates = index.get(StateItem.prefixKey(partialId));
    StateItem found = null;
    if (candidates != null) {
      for (Stored s : candidates) {
        if (s.item.matches(partialId)) {
          if (found != null) {
            throw new DecompressionFailure(
                NackReason.ID_NOT_UNIQUE,
                "partial state identifier matches several states",
                0,
                0,
                partialId);
          }
          found = s.item;
        }
      }
    }
    if (found == null || partialId.length < found.minimumAccessLength()) {
      throw new DecompressionFailure(
          NackReason.STATE_NOT_FOUND, "no state for the partial identifier", 0, 0, partialId);
    }
    return found;
  }

  /** The compartment, opening it within the bounds when it is new. */
  synchronized Compartment open(CompartmentId id, InetAddress source) {
    Compartment c = compartments.get(id);
    if (c != null) {
      if (c.source == null && source != null) {
        // Opened to send to the peer; now its first authenticated message tells us its address.
        if (perSource.getOrDefault(source, 0) >= limits.maxCompartmentsPerSource) {
          evictOldestOf(source);
        }
        c.source = source;
        perSource.merge(source, 1, Integer::sum);
      }
      return c;
    }
    if (source != null && perSource.getOrDefault(source, 0) >= limits.maxCompartmentsPerSource) {
      evictOldestOf(source);
    }
    if (compartments.size() >= limits.maxCompartments) {
      evictOldest(null);
    }
    c =
        new Compartment(
            id, source, limits.stateMemoryPerCompartment, peerDefaults, compressors.apply(id));
    compartments.put(id, c);
    if (source != null) {
      perSource.merge(source, 1, Integer::sum);
    }
    counters.compartmentsOpened.incrementAndGet();
    return c;
  }

  synchronized Compartment get(CompartmentId id) {
    return compartments.get(id);
  }

  /** Closes a compartment, releasing its states (RFC 3320 §6.2, last paragraph). */
  synchronized boolean close(CompartmentId id) {
    Compartment c = compartments.remove(id);
    if (c == null) {
      return false;
    }
    release(c);
    counters.compartmentsClosed.incrementAndGet();
    return true;
  }

  synchronized int compartmentCount() {
    return compartments.size();
  }

  /** States stored now, shared by compartments counted once. */
  synchronized int stateCount() {
    int n = 0;
    for (List<Stored> list : index.values()) {
      n += list.size();
    }
    return n;
  }

  /** State memory all compartments use now. */
  synchronized long stateMemoryUsed() {
    return totalUsed;
  }

  /** How many compartments the source address holds now. */
  synchronized int compartmentsOf(InetAddress source) {
    return perSource.getOrDefault(source, 0);
  }

  /** The items a compartment holds now, oldest first; empty when it does not exist. */
  synchronized List<StateItem> statesOf(CompartmentId id) {
    Compartment c = compartments.get(id);
    List<StateItem> out = new ArrayList<>();
    if (c != null) {
      for (Compartment.Entry e : c.entries) {
        out.add(e.item);
      }
    }
    return out;
  }

  /**
   * Applies a decompressed message's state requests to its compartment, in the order the bytecode
   * made them (RFC 3320 §9.4.9). Runs only once the application vouched for the compartment.
   */
  synchronized void apply(Compartment c, List<StateRequest> requests) {
    if (c.closed) {
      return;
    }
    for (StateRequest r : requests) {
      if (r instanceof StateRequest.Create create) {
        create(c, create.item(), create.priority());
      } else {
        StateRequest.Free free = (StateRequest.Free) r;
        Compartment.Entry e = c.uniqueMatch(free.partialId());
        if (e != null) {
          remove(c, e);
          counters.statesFreed.incrementAndGet();
        }
      }
    }
    enforceTotal(c);
  }

  /** Creates one state in a compartment, RFC 3320 §6.2 steps 1 to 5. */
  synchronized boolean create(Compartment c, StateItem requested, int priority) {
    if (c.stateMemorySize == 0 || c.closed) {
      counters.statesRejected.incrementAndGet();
      return false;
    }
    StateItem item =
        requested.cost() > c.stateMemorySize
            ? requested.truncated(c.stateMemorySize - 64)
            : requested;
    Stored existing = stored(item);
    if (existing != null && !existing.item.sameContent(item)) {
      counters.statesRejected.incrementAndGet();
      return false;
    }
    Compartment.Entry mine = c.entry(item);
    if (mine != null) {
      // Created again: the new priority and creation time replace the old (RFC 4896 §5.2, §6).
      mine.priority = priority;
      mine.created = ++sequence;
      return true;
    }
    if (priority == LOCAL_PRIORITY) {
      // A state we make ourselves may push out only its own kind, never the peer's (§6.2).
      while (c.used + item.cost() > c.stateMemorySize) {
        Compartment.Entry v = c.victim();
        if (v == null || v.priority != LOCAL_PRIORITY) {
          counters.statesRejected.incrementAndGet();
          return false;
        }
        remove(c, v);
      }
    }
    while (c.used + item.cost() > c.stateMemorySize && !c.entries.isEmpty()) {
      remove(c, c.victim());
      counters.statesEvicted.incrementAndGet();
    }
    Stored s = existing;
    if (s == null) {
      s = new Stored(item, false);
      index.computeIfAbsent(item.prefixKey(), k -> new ArrayList<>(1)).add(s);
    }
    s.owners++;
    c.entries.add(new Compartment.Entry(s.item, priority, ++sequence));
    c.used += item.cost();
    totalUsed += item.cost();
    counters.statesCreated.incrementAndGet();
    return true;
  }

  /**
   * Saves a state we made ourselves in the compartment — a shared state (RFC 3321 §5.2) — in place
   * of the previous one, as RFC 4896 §5.3 advises keeping one at a time.
   */
  synchronized boolean createLocal(Compartment c, StateItem item) {
    for (int i = c.entries.size() - 1; i >= 0; i--) {
      Compartment.Entry e = c.entries.get(i);
      if (e.priority == LOCAL_PRIORITY && !e.item.equals(item)) {
        remove(c, e);
      }
    }
    return create(c, item, LOCAL_PRIORITY);
  }

  /** State memory a new local state could use without pushing out the peer's states. */
  synchronized int roomForLocal(Compartment c) {
    int peers = 0;
    for (Compartment.Entry e : c.entries) {
      peers += e.priority == LOCAL_PRIORITY ? 0 : e.item.cost();
    }
    return c.stateMemorySize - peers;
  }

  /** Drops every state of a compartment and stops saving more (the peer's S-bit). */
  synchronized void dropStates(Compartment c) {
    while (!c.entries.isEmpty()) {
      remove(c, c.entries.get(0));
    }
    c.stateMemorySize = 0;
  }

  /** Closes compartments idle for longer than {@code idleNanos}; returns how many. */
  synchronized int closeIdle(long nowNanos, long idleNanos) {
    int closed = 0;
    Iterator<Compartment> it = compartments.values().iterator();
    while (it.hasNext()) {
      Compartment c = it.next();
      if (nowNanos - c.lastUsed > idleNanos) {
        it.remove();
        release(c);
        counters.compartmentsClosed.incrementAndGet();
        closed++;
      }
    }
    return closed;
  }

  private void enforceTotal(Compartment keep) {
    while (totalUsed > limits.maxTotalStateMemory && compartments.size() > 1) {
      if (!evictOldest(keep)) {
        return;
      }
    }
  }

  private boolean evictOldest(Compartment keep) {
    for (Iterator<Compartment> it = compartments.values().iterator(); it.hasNext(); ) {
      Compartment c = it.next();
      if (c != keep) {
        it.remove();
        release(c);
        counters.compartmentsEvicted.incrementAndGet();
        return true;
      }
    }
    return false;
  }

  private void evictOldestOf(InetAddress source) {
    for (Iterator<Compartment> it = compartments.values().iterator(); it.hasNext(); ) {
      Compartment c = it.next();
      if (source.equals(c.source)) {
        it.remove();
        release(c);
        counters.compartmentsEvicted.incrementAndGet();
        return;
      }
    }
  }

  private void release(Compartment c) {
    c.closed = true;
    while (!c.entries.isEmpty()) {
      remove(c, c.entries.get(0));
    }
    if (c.source != null) {
      perSource.computeIfPresent(c.source, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  private void remove(Compartment c, Compartment.Entry e) {
    c.entries.remove(e);
    c.used -= e.item.cost();
    totalUsed -= e.item.cost();
    Stored s = stored(e.item);
    if (s != null && !s.local && --s.owners <= 0) {
      // Physically deleted only when no compartment holds it any more (§6.2 step 4).
      List<Stored> list = index.get(s.item.prefixKey());
      list.remove(s);
      if (list.isEmpty()) {
        index.remove(s.item.prefixKey());
      }
    }
  }

  private Stored stored(StateItem item) {
    List<Stored> list = index.get(item.prefixKey());
    if (list != null) {
      for (Stored s : list) {
        if (s.item.equals(item)) {
          return s;
        }
      }
    }
    return null;
  }
}
