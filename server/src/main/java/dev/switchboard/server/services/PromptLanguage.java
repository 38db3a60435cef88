package dev.switchboard.server.services;

import java.util.Locale;

/** A language the spoken prompts come in; a tenant picks one, English when it has not. */
public enum PromptLanguage {
  EN("en"),
  ZH("zh");

  private final String code;

  PromptLanguage(String code) {
    this.code = code;
  }

  /** How the API and the resource folders write it: {@code en}, {@code zh}. */
  public String code() {
    return code;
  }

  /** The language written {@code code}, or English for null or one we do not have. */
  public static PromptLanguage of(String code) {
    if (code != null) {
      String c = code.strip().toLowerCase(Locale.ROOT);
      for (PromptLanguage l : values()) {
        if (l.code.equals(c)) {
          return l;
        }
      }
    }
    return EN;
  }
}
