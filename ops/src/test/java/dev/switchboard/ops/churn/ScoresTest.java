package dev.switchboard.ops.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** AUC, precision at the top, Brier and calibration against figures worked out by hand. */
class ScoresTest {

  @Test
  void aucCountsOrderedPairsAndTiesHalf() {
    // Pairs (churned, stayed): (0.9,0.1) (0.9,0.4) (0.9,0.35 ) … 2 churned × 3 stayed = 6 pairs.
    // churned 0.9 beats all 3; churned 0.4 beats 0.1 and 0.35, ties 0.4 → 2.5. AUC = 5.5 / 6.
    double[] r = {0.9, 0.4, 0.1, 0.4, 0.35};
    boolean[] y = {true, true, false, false, false};
    assertThat(Scores.auc(r, y)).isCloseTo(5.5 / 6, within(1e-12));
  }

  @Test
  void aucIsUndefinedWithOneClass() {
    assertThat(Scores.auc(new double[] {0.1, 0.2}, new boolean[] {false, false})).isNaN();
    assertThat(Scores.of("x", new double[] {0.1}, new boolean[] {true}, true).auc()).isNull();
  }

  @Test
  void precisionAtTopTakesTheCeilingOfTenPercent() {
    // 11 rows → top ceil(1.1) = 2: risks 0.95 (churned) and 0.9 (stayed) → 0.5.
    double[] r = {0.1, 0.2, 0.95, 0.3, 0.9, 0.05, 0.15, 0.25, 0.35, 0.45, 0.5};
    boolean[] y = {true, false, true, false, false, false, false, false, true, false, false};
    assertThat(Scores.precisionAtTop(r, y, 0.10)).isEqualTo(0.5);
  }

  @Test
  void brierAndCalibrationBins() {
    double[] r = {0.05, 0.15, 0.12, 0.85, 0.95};
    boolean[] y = {false, true, false, true, false};
    // (0.05² + 0.85² + 0.12² + 0.15² + 0.95²) / 5
    assertThat(Scores.brier(r, y))
        .isCloseTo((0.0025 + 0.7225 + 0.0144 + 0.0225 + 0.9025) / 5, within(1e-12));
    List<Scores.CalibrationBin> bins = Scores.calibration(r, y, 10);
    assertThat(bins).hasSize(4);
    assertThat(bins.get(1).n()).isEqualTo(2);
    assertThat(bins.get(1).meanPredicted()).isCloseTo(0.135, within(1e-12));
    assertThat(bins.get(1).observedRate()).isEqualTo(0.5);
    assertThat(bins.get(3).from()).isEqualTo(0.9);
  }

  @Property(tries = 200)
  void aucOfReversedScoresIsOneMinus(
      @ForAll @Size(min = 4, max = 40) List<@DoubleRange(min = 0, max = 1) Double> risks) {
    double[] r = risks.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] y = new boolean[r.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 3 == 0;
    }
    double[] neg = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      neg[i] = -r[i];
    }
    assertThat(Scores.auc(r, y) + Scores.auc(neg, y)).isCloseTo(1.0, within(1e-9));
  }
}
