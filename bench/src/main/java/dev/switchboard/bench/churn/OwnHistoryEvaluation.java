package dev.switchboard.bench.churn;

import dev.switchboard.ops.churn.OwnHistory;
import dev.switchboard.ops.churn.OwnHistoryReport;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs the bring-your-own-history evaluation on a CSV file and prints the cross-validated AUCs:
 * {@code OwnHistoryEvaluation file.csv churnColumn} (bench/telco-churn.sh uses it).
 */
public final class OwnHistoryEvaluation {

  private OwnHistoryEvaluation() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: OwnHistoryEvaluation FILE.csv CHURN_COLUMN");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    OwnHistory table;
    try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      table = OwnHistory.read(in, args[1]);
    }
    OwnHistoryReport r = OwnHistoryReport.of(table, 42L);
    System.out.printf(
        Locale.ROOT,
        "%s: %d rows, %d churned (%.1f %%)%n",
        args[0],
        r.rows(),
        r.churned(),
        100.0 * r.churned() / r.rows());
    for (OwnHistory.Column c : r.columns()) {
      System.out.printf(
          Locale.ROOT,
          "  column %-18s %-19s distinct %5d missing %d%n",
          c.name(),
          c.kind(),
          c.distinct(),
          c.missing());
    }
    for (OwnHistoryReport.ModelFolds m : r.models()) {
      System.out.printf(
          Locale.ROOT,
          "  %-20s 5-fold AUC %.3f ± %.3f  folds %s  pooled prec@10%% %.3f  Brier %.3f%n",
          m.model(),
          m.meanAuc(),
          m.sdAuc(),
          m.foldAuc().stream().map(a -> String.format(Locale.ROOT, "%.3f", a)).toList(),
          m.pooled().precisionAtTop10(),
          m.pooled().brier());
    }
    System.out.printf(
        Locale.ROOT, "  chosen: %s; took %.1f s%n", r.chosen(), (System.nanoTime() - t0) / 1e9);
  }
}
