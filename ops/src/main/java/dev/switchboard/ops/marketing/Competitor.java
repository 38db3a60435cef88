package dev.switchboard.ops.marketing;

import java.util.List;

/**
 * Something customers use instead of us (竞品: "all the ways users solve the problem"): {@code kind}
 * is manual (paper and calculator), desktop (software on a PC), app (another product) or other;
 * with its features, prices and how we answer each comparison.
 */
public record Competitor(
    long id,
    String name,
    String kind,
    String features,
    String pricing,
    String strengths,
    String weaknesses,
    List<Faq> faq) {

  /** One question a customer asks when comparing, and our answer. */
  public record Faq(long id, String question, String answer) {}
}
