package dev.switchboard.demo.churn;

import dev.switchboard.demo.DemoHistory;
import dev.switchboard.demo.DemoSeed;
import dev.switchboard.ops.churn.ChurnReasonCode;
import dev.switchboard.ops.churn.ChurnReasonRepository;
import dev.switchboard.ops.churn.ChurnService;
import dev.switchboard.ops.churn.StoredModel;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.tenant.TenantRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The churn model's part of the demo: a churn reason for every churned customer of the story
 * (tenants made by billing's seed, usage by success's), then a first trained model with every
 * active customer's risk so the pages show data. Runs after both; skips what is already there.
 */
public final class ChurnDemoSeed implements DemoSeed {

  private static final Logger LOG = LoggerFactory.getLogger(ChurnDemoSeed.class);

  private final Clock clock;

  public ChurnDemoSeed() {
    this(Clock.systemUTC());
  }

  public ChurnDemoSeed(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void seed(Database db, DemoHistory history) {
    if (!new ChurnReasonRepository(db.jdbi(), clock).any()) {
      int n = writeReasons(db, history);
      LOG.info("churn demo: {} churn reasons", n);
    }
    ChurnService service = ChurnService.standard(db, clock);
    if (service.latest().isEmpty()) {
      try {
        StoredModel m = service.retrain(history.today());
        LOG.info("churn demo: {} trained on {} term ends", m.chosenKind(), m.decisionPoints());
      } catch (InvalidValueException e) {
        // Without the tenants or usage of the other seeds there is nothing to learn from yet.
        LOG.warn("churn demo: no model trained: {}", e.getMessage());
      }
    }
  }

  private int writeReasons(Database db, DemoHistory history) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return db.jdbi()
        .inTransaction(
            h -> {
              PreparedBatch batch =
                  h.prepareBatch(
                      "INSERT INTO churn_reason (tenant_id, churned_on, reason_code, note,"
                          + " created_at, updated_at) VALUES (:t, :d, :c, :n, :now, :now)");
              int n = 0;
              for (DemoHistory.Customer c : history.customers()) {
                if (c.churnedOn() == null) {
                  continue;
                }
                var tenant = TenantRepository.idOf(h, c.domain());
                if (tenant.isEmpty()) {
                  continue;
                }
                ChurnReasonCode code = code(c.churnReason());
                batch
                    .bind("t", tenant.get())
                    .bind("d", c.churnedOn())
                    .bind("c", code.code())
                    .bind("n", note(code))
                    .bind("now", now)
                    .add();
                n++;
              }
              if (n > 0) {
                batch.execute();
              }
              return n;
            });
  }

  private static ChurnReasonCode code(String story) {
    try {
      return ChurnReasonCode.parse("reason", story);
    } catch (InvalidValueException e) {
      return ChurnReasonCode.OTHER;
    }
  }

  private static String note(ChurnReasonCode code) {
    return switch (code) {
      case LOW_USAGE -> "Phones sat idle in the last months; the owner saw no value in renewing.";
      case PRICE -> "Asked for a discount at renewal; the annual fee was too high for them.";
      case MOVED_TO_COMPETITOR -> "Moved to a rival offering a bundled mobile plan.";
      case BUSINESS_CLOSED -> "The shop closed down.";
      case KEY_CONTACT_LEFT -> "Our champion left the company; the new manager did not renew.";
      default -> "Recorded at the exit call.";
    };
  }
}
