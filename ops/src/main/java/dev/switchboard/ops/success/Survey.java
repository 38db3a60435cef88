package dev.switchboard.ops.success;

import java.time.Instant;

/**
 * One answer to a satisfaction survey.
 *
 * @param kind "nps" (0–10: 9–10 promoter, 7–8 passive, 0–6 detractor) or "csat" (1–5)
 * @param caseId the case the survey followed, or null
 */
public record Survey(
    long id,
    String domain,
    String contactEmail,
    String kind,
    int score,
    String comment,
    Long caseId,
    Instant answeredAt) {

  /** Positive enough to ask for a referral: an NPS promoter or a CSAT of 5. */
  public boolean positive() {
    return kind.equals("nps") ? score >= 9 : score >= 5;
  }
}
