package dev.switchboard.ops.success;

import dev.switchboard.ops.customer.BusinessCalendar;
import dev.switchboard.store.Database;
import dev.switchboard.store.InvalidValueException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The department's stored settings: the health model and the renewal reminder lead times. */
public final class SuccessSettings {

  /** Renewal reminders go out this many days before a term ends unless edited. */
  public static final List<Integer> DEFAULT_LEAD_DAYS = List.of(90, 60, 30, 7);

  private final Database db;
  private final Clock clock;

  public SuccessSettings(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<String> get(String name) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT setting_value FROM success_setting WHERE setting_name = :n")
                    .bind("n", name)
                    .mapTo(String.class)
                    .findOne());
  }

  private Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery("SELECT setting_name, setting_value FROM success_setting")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  private void putAll(Map<String, String> values) {
    var now = BusinessCalendar.utc(clock.instant());
    db.jdbi()
        .useTransaction(
            h -> {
              for (Map.Entry<String, String> e : values.entrySet()) {
                h.createUpdate("DELETE FROM success_setting WHERE setting_name = :n")
                    .bind("n", e.getKey())
                    .execute();
                h.createUpdate(
                        "INSERT INTO success_setting (setting_name, setting_value, updated_at)"
                            + " VALUES (:n, :v, :t)")
                    .bind("n", e.getKey())
                    .bind("v", e.getValue())
                    .bind("t", now)
                    .execute();
              }
            });
  }

  /** The stored health model, defaults where nothing is stored. */
  public HealthModel healthModel() {
    Map<String, String> s = all();
    Map<HealthSignal, Integer> weights = new EnumMap<>(HealthSignal.class);
    Map<HealthSignal, Double> full = new EnumMap<>(HealthSignal.class);
    for (HealthSignal sig : HealthSignal.values()) {
      String w = s.get("health.weight." + sig.code());
      if (w != null) {
        weights.put(sig, Integer.parseInt(w));
      }
      String f = s.get("health.full_at." + sig.code());
      if (f != null) {
        full.put(sig, Double.parseDouble(f));
      }
    }
    HealthModel d = HealthModel.defaults();
    return new HealthModel(
        weights,
        full,
        Integer.parseInt(s.getOrDefault("health.red_max", String.valueOf(d.redMax()))),
        Integer.parseInt(s.getOrDefault("health.yellow_max", String.valueOf(d.yellowMax()))),
        Integer.parseInt(s.getOrDefault("health.window_weeks", String.valueOf(d.windowWeeks()))));
  }

  /** Stores every value of {@code model} (validated by its constructor). */
  public HealthModel saveHealthModel(HealthModel model) {
    Map<String, String> values = new LinkedHashMap<>();
    for (HealthSignal sig : HealthSignal.values()) {
      values.put("health.weight." + sig.code(), String.valueOf(model.weights().get(sig)));
      values.put("health.full_at." + sig.code(), String.valueOf(model.fullAt().get(sig)));
    }
    values.put("health.red_max", String.valueOf(model.redMax()));
    values.put("health.yellow_max", String.valueOf(model.yellowMax()));
    values.put("health.window_weeks", String.valueOf(model.windowWeeks()));
    putAll(values);
    return healthModel();
  }

  /** Days before a term end at which renewal reminders go out, largest first. */
  public List<Integer> renewalLeadDays() {
    return get("renewal.lead_days").map(SuccessSettings::parseLeadDays).orElse(DEFAULT_LEAD_DAYS);
  }

  public List<Integer> saveRenewalLeadDays(List<Integer> days) {
    String text = String.join(",", days.stream().map(String::valueOf).toList());
    List<Integer> parsed = parseLeadDays(text);
    putAll(Map.of("renewal.lead_days", text));
    return parsed;
  }

  static List<Integer> parseLeadDays(String text) {
    List<Integer> out = new ArrayList<>();
    for (String p : text.split(",")) {
      try {
        int d = Integer.parseInt(p.trim());
        if (d < 1 || d > 365) {
          throw new InvalidValueException("leadDays", "each lead time must be 1..365 days");
        }
        if (!out.contains(d)) {
          out.add(d);
        }
      } catch (NumberFormatException e) {
        throw new InvalidValueException("leadDays", "not a number of days: " + p.trim());
      }
    }
    if (out.isEmpty()) {
      throw new InvalidValueException("leadDays", "give at least one lead time");
    }
    out.sort((a, b) -> b - a);
    return List.copyOf(out);
  }
}
