package dev.switchboard.sip.sigcomp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One compartment (RFC 3320 §6.2): the states one authenticated remote endpoint had us save, with
 * their retention priorities and the memory they cost, plus what its messages told us — feedback to
 * return and its own SigComp resources. Guarded by the {@link StateHandler}'s lock.
 */
final class Compartment {
  /** A state this compartment created, with the priority it asked for and when. */
  static final class Entry {
    final StateItem item;
    int priority;
    long created;

    Entry(StateItem item, int priority, long created) {
      this.item = item;
      this.priority = priority;
      this.created = created;
    }

    /** Freed first is lowest: 65535 (locally made state), then 0, 1, … (RFC 4896 §5.1). */
    int rank() {
      return (priority + 1) & 0xFFFF;
    }
  }

  final CompartmentId id;
  InetAddress source;
  final int offeredStateMemory;
  final List<Entry> entries = new ArrayList<>(4);
  int stateMemorySize;
  int used;
  long lastUsed = System.nanoTime();

  /** Closed or evicted: nothing more may be saved in it. */
  boolean closed;

  /** The requested feedback item to return in each message we send (RFC 4896 §9.2); or null. */
  byte[] feedbackToReturn;

  /** The peer will not use our locally available states (the I-bit). */
  boolean peerIgnoresLocalStates;

  /** The peer's resources as last announced (RFC 3320 §9.4.9); RFC 5049 minimums until then. */
  SigCompParameters peerParameters;

  /** Partial identifiers of states the peer last announced it holds for us. */
  List<byte[]> peerAnnouncedStates = List.of();

  final PeerCompressor compressor;

  Compartment(
      CompartmentId id,
      InetAddress source,
      int stateMemorySize,
      SigCompParameters peerDefaults,
      PeerCompressor compressor) {
    this.id = id;
    this.source = source;
    this.offeredStateMemory = stateMemorySize;
    this.stateMemorySize = stateMemorySize;
    this.peerParameters = peerDefaults;
    this.compressor = compressor;
  }

  Entry entry(StateItem item) {
    for (Entry e : entries) {
      if (e.item.equals(item)) {
        return e;
      }
    }
    return null;
  }

  /** The entry to free next: lowest rank first, the oldest among equals (§6.2 step 5). */
  Entry victim() {
    Entry v = null;
    for (Entry e : entries) {
      if (v == null || e.rank() < v.rank() || e.rank() == v.rank() && e.created < v.created) {
        v = e;
      }
    }
    return v;
  }

  /** This compartment's one entry whose identifier starts with {@code partial}, or null. */
  Entry uniqueMatch(byte[] partial) {
    Entry found = null;
    for (Entry e : entries) {
      if (e.item.matches(partial)) {
        if (found != null) {
          return null;
        }
        found = e;
      }
    }
    return found;
  }
}
