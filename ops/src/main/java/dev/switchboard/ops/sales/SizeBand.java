package dev.switchboard.ops.sales;

/** A customer's size by seats, the bands the demo story and customer_profile.size_band use. */
public final class SizeBand {

  private SizeBand() {}

  /** micro up to 5 seats, small up to 12, medium above. */
  public static String of(int seats) {
    return seats <= 5 ? "micro" : seats <= 12 ? "small" : "medium";
  }
}
