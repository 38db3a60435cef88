package dev.switchboard.ops.success;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns Chinese and English text into search terms the same way for articles and queries: NFKC,
 * lower case; runs of letters or digits are words (two characters or more), runs of CJK characters
 * give their overlapping bigrams (a lone character stays a term). No dictionary is needed, and the
 * index is plain rows, so search behaves the same on H2 and PostgreSQL.
 */
public final class HelpText {

  static final int MAX_TERM = 64;

  private HelpText() {}

  /** Each term of {@code text} with how often it occurs, in first-seen order. */
  public static Map<String, Integer> terms(String text) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    int i = 0;
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      if (isCjk(cp)) {
        int start = i;
        while (i < n && isCjk(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        cjkRun(s.substring(start, i), out);
      } else if (Character.isLetterOrDigit(cp)) {
        int start = i;
        while (i < n && Character.isLetterOrDigit(s.codePointAt(i)) && !isCjk(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        String word = s.substring(start, i);
        if (word.codePointCount(0, word.length()) >= 2) {
          add(out, word);
        }
      } else {
        i += Character.charCount(cp);
      }
    }
    return out;
  }

  private static void cjkRun(String run, Map<String, Integer> out) {
    int[] cps = run.codePoints().toArray();
    if (cps.length == 1) {
      add(out, run);
      return;
    }
    for (int k = 0; k + 1 < cps.length; k++) {
      add(out, new String(cps, k, 2));
    }
  }

  private static void add(Map<String, Integer> out, String term) {
    String t = term.length() > MAX_TERM ? term.substring(0, MAX_TERM) : term;
    out.merge(t, 1, Integer::sum);
  }

  static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }
}
