package dev.switchboard.media.wav;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.Narrowband;
import dev.switchboard.media.clock.TickCounter;
import dev.switchboard.media.codec.ALaw;
import dev.switchboard.media.codec.MuLaw;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 8 kHz mono WAV as it goes (a recording): 16-bit PCM, A-law or µ-law, buffered, sizes
 * patched into the header on close. A {@code null} frame is written as silence so the file keeps
 * time with the call. Used by one thread at a time.
 */
public final class WavWriter implements FrameSink, AutoCloseable {

  private static final int BUFFER = 16 * 1024;

  private final FileChannel channel;
  private final WavEncoding encoding;
  private final int headerBytes;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final short[] silence = new short[Narrowband.FRAME_SAMPLES];
  private final TickCounter ticks = new TickCounter();
  private long samples;
  private boolean closed;

  private WavWriter(FileChannel channel, WavEncoding encoding) throws IOException {
    this.channel = channel;
    this.encoding = encoding;
    ByteBuffer header = header(encoding, 0);
    this.headerBytes = header.remaining();
    channel.write(header);
  }

  /** Creates (or truncates) {@code file} for 8 kHz mono audio in {@code encoding}. */
  public static WavWriter create(Path file, WavEncoding encoding) throws IOException {
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      return new WavWriter(channel, encoding);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /** Writes a whole array of samples to {@code file} in one go. */
  public static void write(Path file, WavEncoding encoding, short[] samples) throws IOException {
    try (WavWriter writer = create(file, encoding)) {
      writer.write(samples, 0, samples.length);
    }
  }

  private static ByteBuffer header(WavEncoding encoding, long samples) {
    boolean pcm = encoding == WavEncoding.PCM;
    int bytesPerSample = pcm ? 2 : 1;
    long dataBytes = samples * bytesPerSample;
    // non-PCM formats carry cbSize in fmt (18 bytes) and a fact chunk, as the WAVE spec asks
    int fmtBytes = pcm ? 16 : 18;
    int factBytes = pcm ? 0 : 12;
    int headerBytes = 12 + 8 + fmtBytes + factBytes + 8;
    ByteBuffer b = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(WavReader.fourCc("RIFF"));
    b.putInt((int) Math.min(0xFFFF_FFFFL, headerBytes - 8 + dataBytes + (dataBytes & 1)));
    b.putInt(WavReader.fourCc("WAVE"));
    b.putInt(WavReader.fourCc("fmt "));
    b.putInt(fmtBytes);
    b.putShort((short) encoding.formatTag());
    b.putShort((short) 1);
    b.putInt(Narrowband.SAMPLE_RATE);
    b.putInt(Narrowband.SAMPLE_RATE * bytesPerSample);
    b.putShort((short) bytesPerSample);
    b.putShort((short) (8 * bytesPerSample));
    if (!pcm) {
      b.putShort((short) 0);
      b.putInt(WavReader.fourCc("fact"));
      b.putInt(4);
      b.putInt((int) samples);
    }
    b.putInt(WavReader.fourCc("data"));
    b.putInt((int) Math.min(0xFFFF_FFFFL, dataBytes));
    return b.flip();
  }

  /** Writes the frame, after silence for any ticks the clock dropped since the last one. */
  @Override
  public void accept(short[] frame, long tickNanos) {
    for (int i = ticks.advance(tickNanos); i > 0; i--) {
      accept(null);
    }
    accept(frame);
  }

  @Override
  public void accept(short[] frame) {
    short[] f = frame == null ? silence : frame;
    try {
      write(f, 0, f.length);
    } catch (IOException e) {
      throw new UncheckedIOException("recording write failed", e);
    }
  }

  /** Appends samples. */
  public void write(short[] pcm, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("WAV writer is closed");
    }
    for (int i = 0; i < length; i++) {
      if (buffer.remaining() < 2) {
        flush();
      }
      short s = pcm[offset + i];
      switch (encoding) {
        case PCM -> buffer.putShort(s);
        case ALAW -> buffer.put(ALaw.encode(s));
        case MULAW -> buffer.put(MuLaw.encode(s));
      }
    }
    samples += length;
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** Samples written so far. */
  public long samples() {
    return samples;
  }

  /** Milliseconds written so far. */
  public long millis() {
    return samples * 1000 / Narrowband.SAMPLE_RATE;
  }

  /** Flushes, pads the data to an even length, writes the final sizes and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      long dataBytes = samples * (encoding == WavEncoding.PCM ? 2 : 1);
      if ((dataBytes & 1) != 0) {
        buffer.put((byte) 0);
      }
      flush();
      channel.write(header(encoding, samples), 0);
      if (channel.size() < headerBytes) {
        throw new IOException("WAV header was not written");
      }
    } finally {
      channel.close();
    }
  }
}
