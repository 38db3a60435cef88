package dev.switchboard.ops.marketing;

/**
 * A piece of the content library: a sales-toolkit {@code material} or a customer {@code
 * case_study}, tagged with the funnel stage it helps past and the persona it speaks to.
 */
public record ContentItem(
    long id,
    String kind,
    String title,
    String body,
    String url,
    String funnelStage,
    String persona,
    String customerDomain) {}
