package dev.switchboard.media.dtmf;

import dev.switchboard.media.FrameSink;
import dev.switchboard.media.Narrowband;
import dev.switchboard.media.tone.DtmfFrequencies;
import dev.switchboard.media.tone.Goertzel;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Finds DTMF keys in 8 kHz audio (for phones that send keys in-band): eight Goertzel filters over
 * blocks of 205 samples (25.6 ms, the classic size whose bins fall near the Q.23 frequencies), a
 * key counts when its row and column stand out from the other rows and columns, carry most of the
 * block's energy, and keep their twist within Q.24 limits; two blocks in a row start a key, two
 * without it end it. Each key is reported once, at its end.
 */
public final class DtmfDetector implements FrameSink {

  private static final int BLOCK = 205;
  // minimum energy per sample of each tone: an amplitude of about 400 (-38 dBFS)
  private static final double MIN_TONE_ENERGY = 400.0 * 400 / 2;
  private static final double MAX_NORMAL_TWIST = Math.pow(10, 8 / 10.0); // row up to 8 dB above
  private static final double MAX_REVERSE_TWIST = Math.pow(10, 4 / 10.0); // column up to 4 dB
  private static final double PEAK_OVER_OTHERS = Math.pow(10, 6 / 10.0); // 6 dB over the others
  private static final double MIN_TONE_SHARE = 0.6; // of the block's energy

  private final Goertzel[] rows = new Goertzel[4];
  private final Goertzel[] columns = new Goertzel[4];
  private final short[] block = new short[BLOCK];
  private final double[] rowPowers = new double[4];
  private final double[] columnPowers = new double[4];
  private final Consumer<DtmfDigit> listener;
  private int filled;
  private char candidate;
  private int candidateBlocks;
  private char current;
  private int currentBlocks;
  private int missingBlocks;

  /** A detector reporting keys to {@code listener}. */
  public DtmfDetector(Consumer<DtmfDigit> listener) {
    this.listener = listener;
    for (int i = 0; i < 4; i++) {
      rows[i] = new Goertzel(DtmfFrequencies.ROWS[i], Narrowband.SAMPLE_RATE);
      columns[i] = new Goertzel(DtmfFrequencies.COLUMNS[i], Narrowband.SAMPLE_RATE);
    }
  }

  @Override
  public void accept(short[] frame) {
    if (frame == null) {
      accept(new short[Narrowband.FRAME_SAMPLES], 0, Narrowband.FRAME_SAMPLES);
    } else {
      accept(frame, 0, frame.length);
    }
  }

  /** Feeds samples of any length. */
  public void accept(short[] samples, int offset, int length) {
    for (int i = 0; i < length; i++) {
      block[filled++] = samples[offset + i];
      if (filled == BLOCK) {
        onBlock(classify());
        filled = 0;
      }
    }
  }

  /** Reports a key still sounding at the end of the stream. */
  public void flush() {
    if (current != 0) {
      end();
    }
  }

  private char classify() {
    double energy = 0;
    for (short s : block) {
      energy += (double) s * s;
    }
    for (int i = 0; i < 4; i++) {
      rowPowers[i] = rows[i].power(block, 0, BLOCK);
      columnPowers[i] = columns[i].power(block, 0, BLOCK);
    }
    int bestRow = best(rowPowers);
    int bestColumn = best(columnPowers);
    double rowPower = rowPowers[bestRow];
    double columnPower = columnPowers[bestColumn];
    // energy of a sine in the block is 2·power/N
    double rowEnergy = 2 * rowPower / BLOCK;
    double columnEnergy = 2 * columnPower / BLOCK;
    if (rowEnergy < MIN_TONE_ENERGY * BLOCK || columnEnergy < MIN_TONE_ENERGY * BLOCK) {
      return 0;
    }
    if (rowPower > columnPower * MAX_NORMAL_TWIST || columnPower > rowPower * MAX_REVERSE_TWIST) {
      return 0;
    }
    if (!standsOut(rowPowers, bestRow) || !standsOut(columnPowers, bestColumn)) {
      return 0;
    }
    if (rowEnergy + columnEnergy < MIN_TONE_SHARE * energy) {
      return 0;
    }
    return DtmfFrequencies.KEYPAD[bestRow].charAt(bestColumn);
  }

  private static int best(double[] powers) {
    int best = 0;
    for (int i = 1; i < powers.length; i++) {
      if (powers[i] > powers[best]) {
        best = i;
      }
    }
    return best;
  }

  private static boolean standsOut(double[] powers, int best) {
    for (int i = 0; i < powers.length; i++) {
      if (i != best && powers[i] * PEAK_OVER_OTHERS > powers[best]) {
        return false;
      }
    }
    return true;
  }

  private void onBlock(char key) {
    if (current != 0) {
      if (key == current) {
        currentBlocks++;
        missingBlocks = 0;
        return;
      }
      if (++missingBlocks < 2) {
        return; // one bad block (noise, a dropped packet) does not end the key
      }
      end();
    }
    if (key != 0 && key == candidate) {
      if (++candidateBlocks >= 2) {
        current = key;
        currentBlocks = candidateBlocks;
        missingBlocks = 0;
        candidate = 0;
      }
    } else {
      candidate = key;
      candidateBlocks = key == 0 ? 0 : 1;
    }
  }

  private void end() {
    long millis = currentBlocks * BLOCK * 1000L / Narrowband.SAMPLE_RATE;
    listener.accept(new DtmfDigit(current, Duration.ofMillis(millis)));
    current = 0;
    currentBlocks = 0;
    missingBlocks = 0;
  }
}
