package dev.switchboard.ops.metrics;

import java.util.function.Function;

/** A customer attribute metrics can be broken down by. */
public enum Grouping {
  TIER(Customer::tier),
  INDUSTRY(Customer::industry),
  CHANNEL(Customer::channel);

  /** The group of customers whose attribute is not recorded. */
  public static final String UNKNOWN = "unknown";

  private final Function<Customer, String> attribute;

  Grouping(Function<Customer, String> attribute) {
    this.attribute = attribute;
  }

  /** The customer's group: its attribute, or {@link #UNKNOWN} when blank. */
  public String keyOf(Customer c) {
    String v = attribute.apply(c);
    return v == null || v.isBlank() ? UNKNOWN : v;
  }
}
