package dev.switchboard.ops.marketing;

/**
 * A B2B buyer persona: who decides and who influences, what worries them, what makes them buy, and
 * where they are found.
 */
public record Persona(
    String code,
    String name,
    String decisionChain,
    String concerns,
    String triggers,
    String foundAt) {}
