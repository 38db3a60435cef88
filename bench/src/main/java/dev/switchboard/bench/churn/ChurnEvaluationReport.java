package dev.switchboard.bench.churn;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.churn.DemoCustomers;
import dev.switchboard.ops.churn.ChurnEvaluation;
import dev.switchboard.ops.churn.ChurnTraining;
import dev.switchboard.ops.churn.HealthScoreBaseline;
import dev.switchboard.ops.churn.Scores;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Prints the time-split evaluation on the demo history and on a larger one made the same way: the
 * figures in docs/churn-model.md. Arguments: {@code [today [leadScale [seed]]]}.
 */
public final class ChurnEvaluationReport {

  /** The date the demo's figures are computed for, fixed so the report repeats. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private ChurnEvaluationReport() {}

  public static void main(String[] args) {
    LocalDate today = args.length > 0 ? LocalDate.parse(args[0]) : TODAY;
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 25;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : DemoHistory.DEMO_SEED;
    PrintStream out = System.out;
    report(
        out, "demo (seed " + seed + ", lead scale 2.5)", DemoHistory.generate(seed, today), today);
    report(
        out,
        "larger (seed " + seed + ", lead scale " + scale + ")",
        DemoHistory.generate(seed, today, scale),
        today);
  }

  static ChurnEvaluation report(PrintStream out, String name, DemoHistory h, LocalDate today) {
    long t0 = System.nanoTime();
    var customers = DemoCustomers.of(h);
    var trained =
        ChurnTraining.run(name, customers, today, null, HealthScoreBaseline.defaults(), 42L);
    ChurnEvaluation e = trained.evaluation();
    out.printf(
        Locale.ROOT,
        "%n== %s: %d customers, cutoff %s%n   train %d decision points (%d churned), test %d (%d churned)%n",
        name,
        customers.size(),
        e.cutoff(),
        e.trainPoints(),
        e.trainChurned(),
        e.testPoints(),
        e.testChurned());
    out.printf(Locale.ROOT, "   %-22s %7s %9s %7s%n", "model", "AUC", "prec@10%", "Brier");
    for (Scores.Result r : e.results()) {
      out.printf(
          Locale.ROOT,
          "   %-22s %7.3f %9.3f %7s%n",
          r.model(),
          r.auc(),
          r.precisionAtTop10(),
          r.brier() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.brier()));
    }
    out.printf(
        Locale.ROOT,
        "   selection (5-fold CV AUC on train): %s → %s%n",
        e.selectionCvAuc(),
        e.chosen());
    for (Scores.Result r : e.results()) {
      if (!r.calibration().isEmpty()) {
        out.printf(Locale.ROOT, "   calibration %s:", r.model());
        for (Scores.CalibrationBin b : r.calibration()) {
          out.printf(
              Locale.ROOT,
              " [%.1f-%.1f) n=%d pred=%.2f obs=%.2f;",
              b.from(),
              b.to(),
              b.n(),
              b.meanPredicted(),
              b.observedRate());
        }
        out.println();
      }
    }
    out.printf(Locale.ROOT, "   top coefficients: %s%n", e.coefficients());
    out.printf(Locale.ROOT, "   took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return e;
  }
}
