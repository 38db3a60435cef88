package dev.switchboard.server.services;

/** The language each tenant's callers hear prompts in (a blocking look-up, off the SIP threads). */
@FunctionalInterface
public interface PromptLanguages {
  /** Every tenant in English. */
  PromptLanguages ENGLISH = domain -> PromptLanguage.EN;

  PromptLanguage of(String domain);
}
