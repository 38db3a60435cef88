package dev.switchboard.sip.sigcomp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SigComp endpoint (RFC 3320 §3): the layer a SIP transport calls to decompress what arrives and
 * to compress what it sends, with the state handler, the compartments and their compressors behind
 * it. Thread-safe.
 *
 * <p>Receiving: {@link #decompress} a message that {@link SigCompFraming#isSigComp} says is one
 * (over a stream, each record from a {@link RecordDeframer}); parse the {@link DecompressedMessage}
 * as SIP; once the peer is authenticated, {@link DecompressedMessage#commit} it to the peer's
 * {@link CompartmentId}. Sending: {@link #compress} to the compartment, and send the result (framed
 * with {@link RecordMarking} on a stream), or the plain message when compression was refused.
 */
public final class SigCompEndpoint {
  private static final int NACK_INDEX_SIZE = 4096;

  private final SigCompConfig config;
  private final SigCompCounters counters = new SigCompCounters();
  private final StateHandler states;
  private final Decompressor decompressor;
  private final Map<HashKey, CompartmentId> sentMessages =
      new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<HashKey, CompartmentId> eldest) {
          return size() > NACK_INDEX_SIZE;
        }
      };

  private record HashKey(byte[] hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof HashKey k && Arrays.equals(hash, k.hash);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hash);
    }
  }

  public SigCompEndpoint(SigCompConfig config) {
    this.config = config;
    SigCompParameters local = config.local();
    this.states =
        new StateHandler(
            new StateHandler.Limits(
                local.stateMemorySize(),
                config.maxCompartments(),
                config.maxCompartmentsPerSource(),
                config.maxStateMemory()),
            counters,
            SigCompParameters.SIP_MINIMUM,
            id -> new PeerCompressor());
    states.addLocalState(SipSdpDictionary.state());
    this.decompressor = new Decompressor(local, states);
  }

  /** What we offer peers (RFC 3320 §3.3). */
  public SigCompParameters localParameters() {
    return config.local();
  }

  public SigCompCounters counters() {
    return counters;
  }

  /** A deframer for one SigComp stream connection, bounded by our decompression memory. */
  public RecordDeframer newStreamDeframer() {
    return new RecordDeframer(config.local().decompressionMemorySize());
  }

  /**
   * Decompresses one SigComp message: a datagram, or one record of a stream.
   *
   * @param source the address it came from, which bounds the compartments it may open
   * @param stream whether it came over a stream transport (the UDVM memory differs, RFC 3320 §7)
   */
  public Decompression decompress(byte[] message, InetAddress source, boolean stream) {
    counters.bytesReceivedCompressed.addAndGet(message.length);
    SigCompMessage m;
    try {
      m = SigCompMessage.parse(message, 0, message.length);
    } catch (DecompressionFailure f) {
      return failed(f, message);
    }
    if (m.isNack()) {
      return nackReceived(m);
    }
    try {
      UdvmResult r = decompressor.decompress(m, stream);
      counters.messagesDecompressed.incrementAndGet();
      counters.bytesDecompressed.addAndGet(r.output().length);
      counters.cyclesUsed.addAndGet(r.cyclesUsed());
      return new DecompressedMessage(this, r, m.returnedFeedbackItem, source);
    } catch (DecompressionFailure f) {
      return failed(f, message);
    } catch (RuntimeException e) {
      // A bug must not take the transport down; the message fails like any other.
      return failed(new DecompressionFailure(NackReason.INTERNAL_ERROR, e.toString()), message);
    }
  }

  /**
   * Compresses one message to a peer's compartment (opened if new).
   *
   * @param stream whether it goes over a stream transport
   */
  public Compression compress(byte[] message, CompartmentId compartment, boolean stream) {
    return compress(message, compartment, stream, null);
  }

  /**
   * Compresses one message to a peer's compartment, opening it if new within the per-source bound
   * of {@code source} (null: unbounded by source).
   */
  public Compression compress(
      byte[] message, CompartmentId compartment, boolean stream, InetAddress source) {
    Compartment c = states.open(compartment, source);
    PeerCompressor.PeerView view;
    int room;
    synchronized (states) {
      c.lastUsed = System.nanoTime();
      room = states.roomForLocal(c);
      view =
          new PeerCompressor.PeerView(
              c.peerParameters,
              c.feedbackToReturn,
              stream,
              config.local(),
              config.sharedCompression(),
              // The I-bit: a peer that will not use our local states is offered none.
              config.sharedCompression() && !c.peerIgnoresLocalStates,
              room,
              config.dictionary());
    }
    PeerCompressor.Output out;
    synchronized (c.compressor) {
      out = c.compressor.compress(message, view);
    }
    counters.bytesToCompress.addAndGet(message.length);
    if (out == null) {
      counters.compressionFailures.incrementAndGet();
      return new Compression.Uncompressed(
          c.compressor.gaveUp()
              ? "the peer NACKed our messages repeatedly"
              : "the message does not fit the peer's decompression memory or cycles");
    }
    if (out.sharedOffer() != null) {
      states.createLocal(c, out.sharedOffer());
    }
    synchronized (sentMessages) {
      sentMessages.put(new HashKey(out.hash()), compartment);
    }
    counters.messagesCompressed.incrementAndGet();
    counters.bytesSentCompressed.addAndGet(out.message().length);
    if (out.uploadedBytecode()) {
      counters.bytecodeUploads.incrementAndGet();
    }
    return new Compression.Compressed(out.message(), out.uploadedBytecode());
  }

  /** Closes a compartment the application no longer needs (RFC 3320 §4.1, §6.2). */
  public boolean closeCompartment(CompartmentId compartment) {
    return states.close(compartment);
  }

  /**
   * Closes compartments unused for longer than {@code idle} (RFC 4077 §1.1.1); returns how many.
   */
  public int closeIdleCompartments(Duration idle) {
    return states.closeIdle(System.nanoTime(), idle.toNanos());
  }

  /**
   * Whether {@code compartment} is open and was opened for messages from {@code source}: a peer
   * that already has one may go on using it (RFC 5049 §6.3: a dialog after its authenticated
   * REGISTER) without opening more.
   */
  public boolean holdsCompartment(CompartmentId compartment, InetAddress source) {
    Compartment c = states.get(compartment);
    synchronized (states) {
      return c != null && source.equals(c.source);
    }
  }

  /** Whether {@code compartment} is open: only then do we compress toward it. */
  public boolean hasCompartment(CompartmentId compartment) {
    return states.get(compartment) != null;
  }

  /** States stored now, the dictionary and our shared states included. */
  public int stateCount() {
    return states.stateCount();
  }

  public int compartmentCount() {
    return states.compartmentCount();
  }

  /** State memory all compartments hold now, in bytes. */
  public long stateMemoryUsed() {
    return states.stateMemoryUsed();
  }

  /** The states a compartment holds now, oldest first. */
  public List<StateItem> statesOf(CompartmentId compartment) {
    return states.statesOf(compartment);
  }

  /** The peer's resources as its messages announced them, or the RFC 5049 minimums. */
  public SigCompParameters peerParameters(CompartmentId compartment) {
    Compartment c = states.get(compartment);
    synchronized (states) {
      return c == null ? SigCompParameters.SIP_MINIMUM : c.peerParameters;
    }
  }

  /** The requested feedback item we return to the peer in each message; null when none. */
  byte[] feedbackToReturn(CompartmentId compartment) {
    Compartment c = states.get(compartment);
    synchronized (states) {
      return c == null || c.feedbackToReturn == null ? null : c.feedbackToReturn.clone();
    }
  }

  /** The partial identifiers of states the peer last announced. */
  List<byte[]> peerAnnouncedStates(CompartmentId compartment) {
    Compartment c = states.get(compartment);
    synchronized (states) {
      return c == null ? List.of() : c.peerAnnouncedStates;
    }
  }

  /** The states our compressor knows the peer holds and has acknowledged. */
  int acknowledgedStates(CompartmentId compartment) {
    Compartment c = states.get(compartment);
    if (c == null) {
      return 0;
    }
    synchronized (c.compressor) {
      return c.compressor.acknowledgedStates();
    }
  }

  StateHandler stateHandler() {
    return states;
  }

  /** The application vouched for a decompressed message: apply its states and feedback (§4.3). */
  void commit(
      CompartmentId compartment, InetAddress source, UdvmResult r, byte[] returnedFeedbackItem) {
    Compartment c;
    List<byte[]> announced = null;
    int peerStateMemory;
    synchronized (states) {
      c = states.open(compartment, source);
      c.lastUsed = System.nanoTime();
      states.apply(c, r.stateRequests());
      RequestedFeedback f = r.requestedFeedback();
      if (f != null) {
        c.feedbackToReturn = f.item();
        if (f.noStateWanted()) {
          states.dropStates(c);
        } else if (c.stateMemorySize == 0) {
          c.stateMemorySize = c.offeredStateMemory;
        }
        c.peerIgnoresLocalStates = f.noLocalStatesWanted();
      }
      ReturnedParameters p = r.returnedParameters();
      if (p != null) {
        c.peerParameters = c.peerParameters.updatedBy(p.parametersByte(), p.versionByte());
        c.peerAnnouncedStates = p.partialIds();
        announced = p.partialIds();
      }
      peerStateMemory = c.peerParameters.stateMemorySize();
    }
    synchronized (c.compressor) {
      c.compressor.acknowledged(returnedFeedbackItem);
      if (announced != null && config.sharedCompression()) {
        c.compressor.peerMessage(r.output(), announced, peerStateMemory);
      }
    }
  }

  private Decompression failed(DecompressionFailure f, byte[] message) {
    counters.failure(f.reason());
    byte[] nack = null;
    if (config.local().supportsNack()) {
      nack = Nack.of(f, message, 0, message.length).encode();
      counters.nacksSent.incrementAndGet();
    }
    return new Decompression.Failed(f, nack);
  }

  private Decompression nackReceived(SigCompMessage m) {
    counters.nacksReceived.incrementAndGet();
    Nack nack = Nack.decode(m);
    if (nack == null) {
      counters.failure(NackReason.MESSAGE_TOO_SHORT);
      // No NACK for a NACK (RFC 4077 §3): a malformed one is just dropped.
      return new Decompression.Failed(
          new DecompressionFailure(NackReason.MESSAGE_TOO_SHORT, "malformed NACK"), null);
    }
    CompartmentId id;
    synchronized (sentMessages) {
      id = sentMessages.remove(new HashKey(nack.messageHash()));
    }
    Compartment c = id == null ? null : states.get(id);
    if (c != null) {
      synchronized (c.compressor) {
        c.compressor.nacked(nack.messageHash(), nack.reason());
      }
    }
    return new Decompression.NackReceived(nack, id);
  }
}
