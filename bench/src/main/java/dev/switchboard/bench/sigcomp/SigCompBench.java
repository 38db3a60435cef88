package dev.switchboard.bench.sigcomp;

import dev.switchboard.sip.sigcomp.CallFlow;
import dev.switchboard.sip.sigcomp.CompartmentId;
import dev.switchboard.sip.sigcomp.Compression;
import dev.switchboard.sip.sigcomp.Decompression;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU per message of our SigComp layer: compressing and decompressing a REGISTER, an INVITE with
 * SDP, its 200 OK and a BYE, either as the first message of a compartment (bytecode uploaded,
 * dictionary only) or with the state an earlier call left (the message names that state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SigCompBench {
  @Param({"register", "invite", "invite-ok", "bye"})
  public String message;

  @Param({"first", "state"})
  public String compartment;

  private CallFlow.Message m;
  private Link link;
  private byte[] compressed;
  private SigCompEndpoint receiver;
  private SigCompEndpoint sender;
  private CompartmentId to;
  private int fresh;

  @Setup(Level.Trial)
  public void setUp() {
    m = CallFlow.get(message);
    link = new Link(true);
    if (compartment.equals("state")) {
      for (CallFlow.Message each : CallFlow.MESSAGES) {
        link.send(each);
      }
      m = CallFlow.later(m);
    }
    sender = m.fromPhone() ? link.phone : link.server;
    receiver = m.fromPhone() ? link.server : link.phone;
    to = m.fromPhone() ? Link.SERVER : Link.PHONE;
    compressed = compress();
  }

  @Benchmark
  public byte[] compressMessage() {
    return compress();
  }

  @Benchmark
  public Decompression decompressMessage() {
    return receiver.decompress(compressed, InetAddress.getLoopbackAddress(), false);
  }

  private byte[] compress() {
    SigCompEndpoint s = sender;
    CompartmentId c = to;
    if (compartment.equals("first")) {
      // A compartment nobody has seen: closed again so that each round starts afresh.
      c = new CompartmentId("fresh-" + (fresh++ & 1023));
      s = m.fromPhone() ? link.phone : link.server;
      s.closeCompartment(c);
    }
    return ((Compression.Compressed) s.compress(m.bytes(), c, false)).message();
  }
}
