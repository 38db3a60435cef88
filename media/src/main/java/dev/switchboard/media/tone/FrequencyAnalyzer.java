package dev.switchboard.media.tone;

import dev.switchboard.media.Narrowband;
import java.util.ArrayList;
import java.util.List;

/**
 * The long-run spectrum of a stream (Welch's method: Hann-windowed 1024-sample blocks, their power
 * spectra averaged) and what it says: the dominant frequency, the strongest peaks, and how much of
 * the energy lies near a given frequency. Used to check that a recording holds the tone a caller
 * sent, and that a conference participant does not hear their own.
 */
public final class FrequencyAnalyzer {

  /** One spectral peak: where it is and its share of the total energy (0..1). */
  public record Peak(double frequency, double share) {}

  private static final int N = 1024;
  private final int sampleRate;
  private final double[] window = new double[N];
  private final double[] block = new double[N];
  private final double[] re = new double[N];
  private final double[] im = new double[N];
  private final double[] spectrum = new double[N / 2 + 1];
  private int filled;
  private long blocks;

  /** An analyzer for 8 kHz audio. */
  public FrequencyAnalyzer() {
    this(Narrowband.SAMPLE_RATE);
  }

  /** An analyzer for audio at {@code sampleRate}. */
  public FrequencyAnalyzer(int sampleRate) {
    this.sampleRate = sampleRate;
    for (int i = 0; i < N; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (N - 1));
    }
  }

  /** Feeds samples. */
  public void accept(short[] samples, int offset, int length) {
    for (int i = 0; i < length; i++) {
      block[filled++] = samples[offset + i];
      if (filled == N) {
        addBlock();
        filled = 0;
      }
    }
  }

  /** Feeds a whole array. */
  public void accept(short[] samples) {
    accept(samples, 0, samples.length);
  }

  /** Blocks of 1024 samples analysed so far. */
  public long blocks() {
    return blocks;
  }

  private void addBlock() {
    for (int i = 0; i < N; i++) {
      re[i] = block[i] * window[i];
      im[i] = 0;
    }
    Fft.transform(re, im);
    for (int k = 0; k <= N / 2; k++) {
      spectrum[k] += re[k] * re[k] + im[k] * im[k];
    }
    blocks++;
  }

  private double binHz() {
    return (double) sampleRate / N;
  }

  private double total() {
    double sum = 0;
    for (int k = 1; k <= N / 2; k++) { // bin 0 is DC, not sound
      sum += spectrum[k];
    }
    return sum;
  }

  /** The frequency of the strongest peak (interpolated between bins), or NaN with no signal. */
  public double dominantFrequency() {
    List<Peak> peaks = peaks(1);
    return peaks.isEmpty() ? Double.NaN : peaks.get(0).frequency();
  }

  /**
   * The {@code max} strongest local maxima of the spectrum, strongest first, each with the share of
   * energy within ±3 bins (the Hann window's main lobe is 4 bins wide).
   */
  public List<Peak> peaks(int max) {
    double total = total();
    List<Peak> peaks = new ArrayList<>();
    if (blocks == 0 || total <= 0) {
      return peaks;
    }
    List<Integer> bins = new ArrayList<>();
    for (int k = 2; k < N / 2 - 1; k++) {
      if (spectrum[k] > spectrum[k - 1] && spectrum[k] >= spectrum[k + 1]) {
        bins.add(k);
      }
    }
    bins.sort((a, b) -> Double.compare(spectrum[b], spectrum[a]));
    for (int k : bins) {
      if (peaks.size() == max) {
        break;
      }
      peaks.add(new Peak(interpolate(k), bandEnergy(k - 3, k + 3) / total));
    }
    return peaks;
  }

  private double interpolate(int k) {
    // a parabola through the log magnitudes of the peak bin and its neighbours (good for Hann)
    double a = Math.log(spectrum[k - 1] + 1e-12);
    double b = Math.log(spectrum[k] + 1e-12);
    double c = Math.log(spectrum[k + 1] + 1e-12);
    double denominator = a - 2 * b + c;
    double offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
    return (k + offset) * binHz();
  }

  private double bandEnergy(int from, int to) {
    double sum = 0;
    for (int k = Math.max(1, from); k <= Math.min(N / 2, to); k++) {
      sum += spectrum[k];
    }
    return sum;
  }

  /** The share (0..1) of the stream's energy within {@code toleranceHz} of {@code frequency}. */
  public double shareNear(double frequency, double toleranceHz) {
    double total = total();
    if (total <= 0) {
      return 0;
    }
    // widen by the window's main lobe so a pure tone counts whole
    int from = (int) Math.floor((frequency - toleranceHz) / binHz()) - 2;
    int to = (int) Math.ceil((frequency + toleranceHz) / binHz()) + 2;
    return bandEnergy(from, to) / total;
  }

  /** A radix-2 in-place FFT, enough for the analyzer's fixed block size. */
  static final class Fft {
    private Fft() {}

    static void transform(double[] re, double[] im) {
      int n = re.length;
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
          j ^= bit;
        }
        j ^= bit;
        if (i < j) {
          double t = re[i];
          re[i] = re[j];
          re[j] = t;
          t = im[i];
          im[i] = im[j];
          im[j] = t;
        }
      }
      for (int len = 2; len <= n; len <<= 1) {
        double angle = -2 * Math.PI / len;
        double wRe = Math.cos(angle);
        double wIm = Math.sin(angle);
        for (int i = 0; i < n; i += len) {
          double curRe = 1;
          double curIm = 0;
          for (int k = 0; k < len / 2; k++) {
            int a = i + k;
            int b = a + len / 2;
            double tRe = re[b] * curRe - im[b] * curIm;
            double tIm = re[b] * curIm + im[b] * curRe;
            re[b] = re[a] - tRe;
            im[b] = im[a] - tIm;
            re[a] += tRe;
            im[a] += tIm;
            double nextRe = curRe * wRe - curIm * wIm;
            curIm = curRe * wIm + curIm * wRe;
            curRe = nextRe;
          }
        }
      }
    }
  }
}
