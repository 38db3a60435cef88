package dev.switchboard.ops.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.InvalidValueException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * An imported table (a made-up fixture: 240 customers, churn rising with fee and support calls,
 * falling with tenure and longer contracts) read, typed and cross-validated.
 */
class OwnHistoryTest {

  private static Reader fixture() {
    return new InputStreamReader(
        Objects.requireNonNull(OwnHistoryTest.class.getResourceAsStream("/churn/own-history.csv")),
        StandardCharsets.UTF_8);
  }

  @Test
  void columnsAreTypedAndIdentifiersLeftOut() {
    OwnHistory t = OwnHistory.read(fixture(), "churned");
    assertThat(t.rows()).hasSize(240);
    assertThat(t.rows().stream().filter(LabelledRow::churned).count()).isEqualTo(83);
    assertThat(t.columns())
        .extracting(OwnHistory.Column::name, OwnHistory.Column::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("customer_id", "dropped_identifier"),
            org.assertj.core.groups.Tuple.tuple("tenure_months", "numeric"),
            org.assertj.core.groups.Tuple.tuple("monthly_fee", "numeric"),
            org.assertj.core.groups.Tuple.tuple("contract", "categorical"),
            org.assertj.core.groups.Tuple.tuple("support_calls", "numeric"),
            org.assertj.core.groups.Tuple.tuple("region", "categorical"));
    // Rows 5, 42, 79, … (every 37th from 5) have no tenure: 7 of 240.
    assertThat(t.columns().get(1).missing()).isEqualTo(7);
  }

  @Test
  void crossValidationFindsTheSignalInBothModels() {
    OwnHistoryReport r = OwnHistoryReport.of(OwnHistory.read(fixture(), "churned"), 42L);
    assertThat(r.models())
        .extracting(OwnHistoryReport.ModelFolds::model)
        .containsExactly("logistic_regression", "random_forest");
    for (OwnHistoryReport.ModelFolds m : r.models()) {
      assertThat(m.foldAuc()).hasSize(5);
      assertThat(m.meanAuc()).isGreaterThan(0.7);
      assertThat(m.pooled().n()).isEqualTo(240);
    }
    assertThat(r.riskiest()).hasSize(20);
    assertThat(r.riskiest().get(0).risk()).isGreaterThanOrEqualTo(r.riskiest().get(19).risk());
    // Same seed, same report.
    assertThat(OwnHistoryReport.of(OwnHistory.read(fixture(), "churned"), 42L)).isEqualTo(r);
  }

  @Test
  void badTablesAreRefusedWithTheField() {
    assertThatThrownBy(() -> OwnHistory.read(fixture(), "left"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("no column left");
    assertThatThrownBy(() -> OwnHistory.read(new StringReader("a,b\n1\n"), "b"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("line 2 has 1 fields");
    StringBuilder maybe = new StringBuilder("x,churned\n");
    for (int i = 0; i < 25; i++) {
      maybe.append(i).append(i == 3 ? ",perhaps\n" : i % 2 == 0 ? ",yes\n" : ",no\n");
    }
    assertThatThrownBy(() -> OwnHistory.read(new StringReader(maybe.toString()), "churned"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("line 5");
  }
}
