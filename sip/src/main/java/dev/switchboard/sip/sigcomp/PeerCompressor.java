package dev.switchboard.sip.sigcomp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Our compressor for one compartment (RFC 3320 §5): compresses each message with {@link
 * LzBytecode}, and keeps a model of the states it asked the peer to save — which the peer has
 * acknowledged, and which the peer's state memory must already have pushed out — so that a message
 * names only a state the peer surely holds (RFC 3321 acknowledgements, RFC 4464 §5.1). A NACK (RFC
 * 4077) makes it start over with uploaded bytecode. Not thread-safe: the endpoint serialises calls
 * per compartment.
 */
final class PeerCompressor {
  /**
   * The most a shared state may hold in a compartment of {@code stateMemorySize}: a quarter of it,
   * less the overhead — the peer's compressor leaves that quarter free of its own states (RFC 3321
   * §5.2). Below 4 KB a compartment is too small to share: no shared state at all.
   */
  static int sharedCap(int stateMemorySize) {
    return stateMemorySize >= 4096 ? stateMemorySize / 4 - 64 : 0;
  }

  /** After this many NACKs without an acknowledgement between them, stop compressing. */
  private static final int MAX_NACKS_IN_A_ROW = 4;

  private static final int MAX_SENT = 32;
  private static final byte[] NO_BYTES = new byte[0];

  /** A state we asked the peer to save, with the ring it holds so we can compress against it. */
  private final class RemoteState {
    final byte[] id;
    final int cost;
    final byte[] ring;
    final int ringPointer;
    final int token;
    final LzBytecode bytecode;
    final long sequence = tokenSequence;
    boolean acknowledged;
    // The peer acknowledged a later message: it saved this state silently or never will (it did
    // not vouch for the message, RFC 3320 §4.3), so no longer wait for it before saving more.
    boolean superseded;

    RemoteState(byte[] id, int cost, byte[] ring, int ringPointer, int token, LzBytecode bytecode) {
      this.id = id;
      this.cost = cost;
      this.ring = ring;
      this.ringPointer = ringPointer;
      this.token = token;
      this.bytecode = bytecode;
    }
  }

  /** A message we sent, kept to find what to undo when the peer NACKs it. */
  private record Sent(byte[] hash, RemoteState base, RemoteState created) {}

  /** What the compartment knows of the peer when a message is compressed. */
  record PeerView(
      SigCompParameters parameters,
      byte[] feedbackToReturn,
      boolean stream,
      SigCompParameters local,
      boolean sharedCompression,
      boolean offerShared,
      int sharedRoom,
      boolean dictionary) {}

  /** A compressed message, with what the endpoint must do alongside it. */
  record Output(byte[] message, StateItem sharedOffer, byte[] hash, boolean uploadedBytecode) {}

  private LzBytecode bytecode;
  private SigCompParameters plannedFor;
  private boolean plannedForStream;
  private final List<RemoteState> remote = new ArrayList<>(4);
  private final List<Sent> sent = new ArrayList<>(MAX_SENT);
  private int nextToken = 1;
  // When each token was last handed out, so an acknowledgement tells which states came before it.
  private final long[] tokenSequences = new long[128];
  private long tokenSequence;
  private int lastAcknowledgedToken = -1;
  private int parametersToken = -1;
  private boolean parametersDelivered;
  private byte[] peerSharedId;
  private byte[] peerSharedContent;
  private int nacksInARow;

  /**
   * Compresses one message, or returns null when it cannot be compressed within the peer's
   * resources (RFC 3320 §5.2: the application then sends it uncompressed).
   */
  Output compress(byte[] message, PeerView peer) {
    if (nacksInARow >= MAX_NACKS_IN_A_ROW) {
      return null;
    }
    LzBytecode code = bytecodeFor(peer);
    if (code == null) {
      return null;
    }
    Output out = compress(message, peer, code, true);
    return out != null ? out : compress(message, peer, code, false);
  }

  private Output compress(byte[] message, PeerView peer, LzBytecode code, boolean useShared) {
    LzBytecode.Layout layout = code.layout;
    RemoteState base = newestAcknowledged(code);
    byte[] ring = base != null ? base.ring : new byte[layout.ringSize()];
    int pointer = base != null ? base.ringPointer : layout.ringStart();
    int cost = layout.stateLength() + 64;
    int capacity = peer.parameters().stateMemorySize() / cost;
    boolean create =
        capacity >= 1
            && unacknowledged() < Math.max(1, capacity - 1)
            && keeps(base, cost, peer.parameters().stateMemorySize());
    byte[] shared = useShared && sharedStillThere(layout) ? peerSharedContent : null;
    int offerLength = Math.min(message.length, sharedCap(peer.local().stateMemorySize()));
    StateItem offer =
        peer.offerShared() && offerLength > 0 && offerLength + 64 <= peer.sharedRoom()
            ? StateItem.of(0, 0, 6, Arrays.copyOf(message, offerLength))
            : null;
    boolean sendParameters = !parametersDelivered || offer != null;
    int token = create || sendParameters ? takeToken() : -1;

    // Remaining message: flags, then feedback token, parameters, shared id, tokens.
    ByteArrayOutputStream body = new ByteArrayOutputStream(message.length / 2 + 32);
    int flags =
        (token >= 0 ? 0x80 : 0)
            | (sendParameters ? 0x40 : 0)
            | (shared != null ? 0x20 : 0)
            | (create ? 0x10 : 0);
    body.write(flags);
    long cycles = 3 + 1 + layout.dictLength() + 2 + 4;
    if (token >= 0) {
      body.write(token);
      cycles += 5;
    }
    if (sendParameters) {
      byte[] p = returnedParameters(peer.local(), offer);
      body.write(p.length);
      body.write(p, 0, p.length);
      cycles += 5 + p.length;
    }
    if (shared != null) {
      body.write(peerSharedId, 0, 6);
      cycles += 9 + shared.length;
    }
    byte[] strings = SipSdpDictionary.strings(layout.dictBegin());
    LzEncoder.Tokens tokens =
        new LzEncoder(
                ring,
                pointer - layout.ringStart(),
                message,
                strings,
                layout.dictBegin(),
                shared == null ? NO_BYTES : shared)
            .encode();
    body.write(tokens.bytes(), 0, tokens.bytes().length);
    cycles += tokens.cycles() + 1 + (create ? layout.stateLength() : 0) + 1;

    ByteArrayOutputStream msg = new ByteArrayOutputStream(body.size() + 200);
    byte[] feedback = peer.feedbackToReturn();
    int first = 0xF8 | (feedback != null ? 0x04 : 0) | (base != null ? 0x01 : 0);
    msg.write(first);
    if (feedback != null) {
      msg.write(feedback, 0, feedback.length);
    }
    if (base != null) {
      msg.write(base.id, 0, 6);
    } else {
      byte[] upload = code.upload;
      msg.write(upload.length >> 4);
      msg.write((upload.length & 0x0F) << 4 | (LzBytecode.CODE_START / 64 - 1));
      msg.write(upload, 0, upload.length);
    }
    int headerLength = msg.size();
    msg.write(body.toByteArray(), 0, body.size());
    byte[] bytes = msg.toByteArray();

    // The peer's UDVM must hold everything, and its cycles must suffice (RFC 3320 §5.1 item 2).
    SigCompParameters p = peer.parameters();
    int memory =
        Math.min(
            peer.stream()
                ? p.decompressionMemorySize() / 2
                : p.decompressionMemorySize() - bytes.length,
            65536);
    int top = layout.top(shared == null ? 0 : shared.length);
    long available = (1000L + 8L * bytes.length) * p.cyclesPerBit();
    if (top > memory || cycles > available || bytes.length - headerLength > 65535) {
      if (token >= 0) {
        nextToken = token;
      }
      return null;
    }

    RemoteState created = null;
    if (create) {
      byte[] after = write(ring, pointer - layout.ringStart(), message);
      int afterPointer =
          layout.ringStart() + (pointer - layout.ringStart() + message.length) % layout.ringSize();
      byte[] value = new byte[layout.stateLength()];
      System.arraycopy(
          code.image, LzBytecode.CODE_START, value, 0, code.image.length - LzBytecode.CODE_START);
      int at = code.outPointer - LzBytecode.CODE_START;
      value[at] = (byte) (afterPointer >> 8);
      value[at + 1] = (byte) afterPointer;
      System.arraycopy(after, 0, value, layout.ringStart() - LzBytecode.CODE_START, after.length);
      StateItem item = StateItem.of(LzBytecode.CODE_START, code.entry, 6, value);
      created = new RemoteState(item.id(), cost, after, afterPointer, token, code);
      remote.add(created);
      int used = 0;
      for (RemoteState r : remote) {
        used += r.cost;
      }
      // A shared state goes first when our states need its room (RFC 4896 §5.3), for good.
      if (peerSharedContent != null && used + peerSharedContent.length + 64 > p.stateMemorySize()) {
        peerSharedContent = null;
        peerSharedId = null;
      }
      // Then the peer frees its oldest states (all of equal priority, RFC 3320 §6.2).
      while (used > p.stateMemorySize() && !remote.isEmpty()) {
        used -= remote.remove(0).cost;
      }
    }
    if (sendParameters) {
      parametersToken = token;
    }
    byte[] hash = Sha1.of(bytes);
    remember(new Sent(hash, base, created));
    return new Output(bytes, offer, hash, base == null);
  }

  /** The peer returned a feedback item: the message that asked for it arrived (RFC 3321). */
  void acknowledged(byte[] item) {
    if (item == null || item.length != 1) {
      return;
    }
    int token = item[0] & 0x7F;
    lastAcknowledgedToken = token;
    long sequence = tokenSequences[token];
    for (RemoteState r : remote) {
      if (r.token == token && !r.acknowledged) {
        r.acknowledged = true;
        nacksInARow = 0;
      } else if (!r.acknowledged && r.sequence < sequence) {
        r.superseded = true;
      }
    }
    if (token == parametersToken) {
      parametersDelivered = true;
    }
  }

  /**
   * A message from the peer, and the states it announced: one of them may be that message saved as
   * shared state (RFC 3321 §5.2), which we check by computing its identifier ourselves.
   */
  void peerMessage(byte[] message, List<byte[]> announced, int peerStateMemory) {
    // The peer keeps one shared state: whatever it announced before is gone now.
    peerSharedId = null;
    peerSharedContent = null;
    int cap = Math.min(message.length, sharedCap(peerStateMemory));
    if (announced.isEmpty() || cap == 0) {
      return;
    }
    byte[] content = Arrays.copyOf(message, cap);
    StateItem candidate = StateItem.of(0, 0, 6, content);
    int used = content.length + 64;
    for (RemoteState r : remote) {
      used += r.cost;
    }
    if (used > peerStateMemory) {
      // Our states still on their way would push it out again.
      return;
    }
    for (byte[] id : announced) {
      if (id.length >= 6 && candidate.matches(id)) {
        peerSharedId = candidate.partialId(6);
        peerSharedContent = content;
        return;
      }
    }
  }

  /**
   * Whether {@code hash} is one of our recent messages; if so undoes what it assumed: the peer may
   * lack the state it named or any state we modelled (RFC 4077 §2.3).
   */
  boolean nacked(byte[] hash, NackReason reason) {
    for (Iterator<Sent> it = sent.iterator(); it.hasNext(); ) {
      Sent s = it.next();
      if (Arrays.equals(s.hash, hash)) {
        it.remove();
        nacksInARow++;
        remote.clear();
        if (reason == NackReason.STATE_NOT_FOUND) {
          peerSharedContent = null;
          peerSharedId = null;
        }
        return true;
      }
    }
    return false;
  }

  /** Whether compression stopped for this compartment after repeated NACKs. */
  boolean gaveUp() {
    return nacksInARow >= MAX_NACKS_IN_A_ROW;
  }

  /** States the peer has acknowledged and still holds, as far as we can tell. */
  int acknowledgedStates() {
    int n = 0;
    for (RemoteState r : remote) {
      n += r.acknowledged ? 1 : 0;
    }
    return n;
  }

  /**
   * The bytecode for the peer as it is now. A layout that still fits is kept while the peer holds
   * an acknowledged state for it, unless the peer's memory now allows a much larger ring: switching
   * means uploading the code again.
   */
  private LzBytecode bytecodeFor(PeerView peer) {
    SigCompParameters p = peer.parameters();
    if (bytecode != null && p.equals(plannedFor) && peer.stream() == plannedForStream) {
      return bytecode;
    }
    int cap = peer.sharedCompression() ? sharedCap(p.stateMemorySize()) : 0;
    LzBytecode.Layout layout =
        LzBytecode.plan(p, peer.stream(), cap > 0 ? cap + 64 : 0, cap, peer.dictionary());
    boolean keep =
        bytecode != null
            && peer.stream() == plannedForStream
            && newestAcknowledged(bytecode) != null
            && LzBytecode.fits(bytecode.layout, p, peer.stream())
            && (layout == null || 2 * layout.ringSize() < 3 * bytecode.layout.ringSize());
    if (keep) {
      // A ring half as large again is worth uploading the code once more; less is not.
      plannedFor = p;
      return bytecode;
    }
    // States of an older layout stay in the model: they take the peer's memory until pushed out.
    bytecode = layout == null ? null : LzBytecode.of(layout);
    plannedFor = p;
    plannedForStream = peer.stream();
    return bytecode;
  }

  /** Whether the peer's shared state is still there and fits our layout. */
  private boolean sharedStillThere(LzBytecode.Layout layout) {
    return peerSharedContent != null && peerSharedContent.length <= layout.sharedMax();
  }

  /** The newest state the peer acknowledged that was made with {@code code}'s layout. */
  private RemoteState newestAcknowledged(LzBytecode code) {
    for (int i = remote.size() - 1; i >= 0; i--) {
      RemoteState r = remote.get(i);
      if (r.acknowledged && r.bytecode == code) {
        return r;
      }
    }
    return null;
  }

  /**
   * Whether the peer, saving one more state of {@code cost}, still holds {@code base}: a state it
   * saved without acknowledging (an ACK's, which nothing answers) takes room too, and pushing out
   * the one acknowledged state would leave the next message nothing to name.
   */
  private boolean keeps(RemoteState base, int cost, int memory) {
    if (base == null) {
      return true;
    }
    int used = cost;
    for (RemoteState r : remote) {
      used += r.cost;
    }
    for (RemoteState r : remote) {
      if (used <= memory) {
        return true;
      }
      if (r == base) {
        return false;
      }
      used -= r.cost;
    }
    return true;
  }

  private int unacknowledged() {
    int n = 0;
    for (RemoteState r : remote) {
      n += r.acknowledged || r.superseded ? 0 : 1;
    }
    return n;
  }

  private int takeToken() {
    int t = nextToken;
    nextToken = nextToken % 127 + 1;
    if (t == lastAcknowledgedToken) {
      t = nextToken;
      nextToken = nextToken % 127 + 1;
    }
    tokenSequences[t] = ++tokenSequence;
    return t;
  }

  private void remember(Sent s) {
    if (sent.size() == MAX_SENT) {
      sent.remove(0);
    }
    sent.add(s);
  }

  /** Returned SigComp parameters (RFC 3320 Figure 13): ours, and the shared state we offer. */
  private static byte[] returnedParameters(SigCompParameters local, StateItem offer) {
    ByteArrayOutputStream p = new ByteArrayOutputStream(16);
    p.write(local.encodedByte());
    p.write(local.version());
    if (offer != null) {
      p.write(6);
      p.write(offer.partialId(6), 0, 6);
    }
    p.write(0);
    return p.toByteArray();
  }

  /** The ring after writing {@code message} at {@code at}, wrapping. */
  private static byte[] write(byte[] ring, int at, byte[] message) {
    byte[] out = ring.clone();
    int n = ring.length;
    int from = message.length > n ? message.length - n : 0;
    int pos = (at + from) % n;
    for (int i = from; i < message.length; i++) {
      out[pos] = message[i];
      pos = pos + 1 == n ? 0 : pos + 1;
    }
    return out;
  }
}
