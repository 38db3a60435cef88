package dev.switchboard.ops.churn;

import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Encoded rows as Tribuo examples and datasets (labels "churned" and "stayed"). */
final class TribuoData {

  static final String CHURNED = "churned";
  static final String STAYED = "stayed";
  static final LabelFactory FACTORY = new LabelFactory();

  /** Tribuo logs every tree it builds at INFO; held here so the setting is not collected. */
  private static final java.util.logging.Logger TRIBUO_LOG = quiet();

  private TribuoData() {}

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.tribuo");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  static MutableDataset<Label> dataset(FeatureEncoder enc, List<LabelledRow> rows) {
    TRIBUO_LOG.fine("dataset of " + rows.size());
    String[] names = enc.names().toArray(String[]::new);
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("churn rows", FACTORY), FACTORY);
    for (LabelledRow r : rows) {
      data.add(
          new ArrayExample<>(
              new Label(r.churned() ? CHURNED : STAYED), names, enc.encode(r.row())));
    }
    return data;
  }

  static Example<Label> example(String[] names, double[] x) {
    return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, x);
  }

  static void requireBothLabels(List<LabelledRow> rows) {
    long churned = rows.stream().filter(LabelledRow::churned).count();
    if (churned == 0 || churned == rows.size()) {
      throw new IllegalArgumentException(
          "training needs both churned and retained examples; got "
              + churned
              + " churned of "
              + rows.size());
    }
  }
}
