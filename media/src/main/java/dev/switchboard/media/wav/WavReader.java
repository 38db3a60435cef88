package dev.switchboard.media.wav;

import dev.switchboard.media.MalformedMediaException;
import dev.switchboard.media.codec.ALaw;
import dev.switchboard.media.codec.MuLaw;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: PCM of 8 (unsigned), 16, 24 or 32 bits, A-law or µ-law, any rate, any
 * number of channels (averaged to mono), WAVE_FORMAT_EXTENSIBLE with a PCM/A-law/µ-law subformat,
 * unknown chunks skipped. A file that is not one of these is refused with the reason.
 */
public final class WavReader {

  private static final int EXTENSIBLE = 0xFFFE;
  private static final long MAX_BYTES = 512L * 1024 * 1024;

  private WavReader() {}

  /** Reads a file. */
  public static WavAudio read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new MalformedMediaException(
          file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
    try {
      return read(Files.readAllBytes(file));
    } catch (MalformedMediaException e) {
      throw new MalformedMediaException(file.getFileName() + ": " + e.getMessage());
    }
  }

  /** Reads a file's bytes. */
  public static WavAudio read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || in.getInt(0) != fourCc("RIFF") || in.getInt(8) != fourCc("WAVE")) {
      throw new MalformedMediaException("not a RIFF/WAVE file");
    }
    int at = 12;
    Format format = null;
    while (at + 8 <= bytes.length) {
      int id = in.getInt(at);
      long length = Integer.toUnsignedLong(in.getInt(at + 4));
      int body = at + 8;
      if (id == fourCc("fmt ")) {
        format = readFormat(in, body, (int) Math.min(length, bytes.length - body));
      } else if (id == fourCc("data")) {
        if (format == null) {
          throw new MalformedMediaException("data chunk before the fmt chunk");
        }
        // streaming writers leave 0 or 0xFFFFFFFF: take what is there
        long available = bytes.length - body;
        int dataLength = (int) (length == 0 || length > available ? available : length);
        return new WavAudio(format.rate, format.encoding, decode(in, body, dataLength, format));
      }
      at = (int) Math.min(bytes.length, body + length + (length & 1)); // chunks pad to even
    }
    throw new MalformedMediaException(format == null ? "no fmt chunk" : "no data chunk");
  }

  private record Format(WavEncoding encoding, int channels, int rate, int bits) {}

  private static Format readFormat(ByteBuffer in, int at, int length) {
    if (length < 16) {
      throw new MalformedMediaException("fmt chunk of " + length + " bytes, needs 16");
    }
    int tag = in.getShort(at) & 0xFFFF;
    int channels = in.getShort(at + 2) & 0xFFFF;
    int rate = in.getInt(at + 4);
    int bits = in.getShort(at + 14) & 0xFFFF;
    if (tag == EXTENSIBLE) {
      if (length < 40) {
        throw new MalformedMediaException("WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
      }
      tag = in.getShort(at + 24) & 0xFFFF; // first two bytes of the subformat GUID
    }
    WavEncoding encoding = WavEncoding.ofTag(tag);
    if (encoding == null) {
      throw new MalformedMediaException(
          "WAV format tag " + tag + " is not PCM (1), A-law (6) or µ-law (7)");
    }
    if (channels < 1 || channels > 8) {
      throw new MalformedMediaException("WAV with " + channels + " channels");
    }
    if (rate < 4000 || rate > 192_000) {
      throw new MalformedMediaException("WAV sample rate " + rate + " Hz out of range");
    }
    boolean ok =
        encoding == WavEncoding.PCM
            ? bits == 8 || bits == 16 || bits == 24 || bits == 32
            : bits == 8;
    if (!ok) {
      throw new MalformedMediaException(encoding + " WAV with " + bits + " bits per sample");
    }
    return new Format(encoding, channels, rate, bits);
  }

  private static short[] decode(ByteBuffer in, int at, int length, Format f) {
    int bytesPerSample = f.bits / 8;
    int frameBytes = bytesPerSample * f.channels;
    int frames = length / frameBytes;
    short[] out = new short[frames];
    for (int i = 0; i < frames; i++) {
      int sum = 0;
      for (int c = 0; c < f.channels; c++) {
        sum += sample(in, at + i * frameBytes + c * bytesPerSample, f);
      }
      out[i] = (short) (sum / f.channels);
    }
    return out;
  }

  private static int sample(ByteBuffer in, int at, Format f) {
    return switch (f.encoding) {
      case ALAW -> ALaw.decode(in.get(at));
      case MULAW -> MuLaw.decode(in.get(at));
      case PCM ->
          switch (f.bits) {
            case 8 -> ((in.get(at) & 0xFF) - 128) << 8; // 8-bit WAV is unsigned
            case 16 -> in.getShort(at);
            case 24 -> in.get(at + 2) << 8 | in.get(at + 1) & 0xFF; // top 16 of 24 bits
            default -> in.getShort(at + 2); // top 16 of 32 bits
          };
    };
  }

  static int fourCc(String s) {
    return s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | s.charAt(3) << 24;
  }
}
