package dev.switchboard.ops.marketing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A 推广方案: what runs on which channel when, who owns it, what it was meant to cost and did cost
 * (CNY, scale 2), its goals and, once written, its retrospective (null before).
 */
public record Campaign(
    String code,
    String name,
    String channel,
    LocalDate startsOn,
    LocalDate endsOn,
    String content,
    String ownerEmail,
    BigDecimal budget,
    BigDecimal actualCost,
    Integer leadGoal,
    Integer wonGoal,
    Retrospective retrospective) {}
