package dev.switchboard.bench.media;

import dev.switchboard.media.codec.G711;
import dev.switchboard.media.dtmf.DtmfDetector;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.rtp.RtpPacket;
import dev.switchboard.media.tone.ToneGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-frame work of one G.711 stream, 20 ms (160 samples) at a time: encode, decode, an RTP
 * packet written and parsed, a jitter buffer offer + poll, in-band DTMF detection.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MediaFrameBench {

  @Param({"PCMU", "PCMA"})
  public String codecName;

  private G711 codec;
  private final short[] pcm = ToneGenerator.sine(1000, 8000).render(20);
  private final short[] decoded = new short[160];
  private final byte[] payload = new byte[160];
  private final byte[] wire = new byte[172];
  private byte[] packet;
  private JitterBuffer jitterBuffer;
  private long timestamp;
  private DtmfDetector detector;

  @Setup
  public void setUp() {
    codec = G711.valueOf(codecName);
    codec.encode(pcm, 0, 160, payload, 0);
    packet = RtpPacket.of(false, codec.payloadType(), 1, 160, 0x1234, payload).toBytes();
    jitterBuffer = JitterBuffer.fixed(3);
    detector = new DtmfDetector(d -> {});
  }

  @Benchmark
  public byte[] encodeFrame() {
    codec.encode(pcm, 0, 160, payload, 0);
    return payload;
  }

  @Benchmark
  public short[] decodeFrame() {
    codec.decode(payload, 0, 160, decoded, 0);
    return decoded;
  }

  @Benchmark
  public int writeRtpPacket() {
    return RtpPacket.of(false, codec.payloadType(), 7, 1600, 0x1234, payload).writeTo(wire, 0);
  }

  @Benchmark
  public RtpPacket parseRtpPacket() {
    return RtpPacket.parse(packet, 0, packet.length);
  }

  @Benchmark
  public short[] jitterBufferOfferAndPoll() {
    jitterBuffer.offer(timestamp & 0xFFFF_FFFFL, pcm, 0);
    timestamp += 160;
    return jitterBuffer.poll();
  }

  @Benchmark
  public DtmfDetector detectDtmf() {
    detector.accept(pcm, 0, 160);
    return detector;
  }
}
