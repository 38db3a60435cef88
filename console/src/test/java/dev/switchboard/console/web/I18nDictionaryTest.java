package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Both dictionaries have the same keys, no empty strings, and every literal key the code uses. */
class I18nDictionaryTest {

  private static final List<String> SCRIPTS =
      List.of(
          "app.js",
          "telephony.js",
          "staff.js",
          "i18n.js",
          "api.js",
          "dom.js",
          "billing.js",
          "metrics.js",
          "marketing.js",
          "sales.js",
          "success.js",
          "churn.js");

  /** The dictionary files per language, merged by i18n.js in this order. */
  private static final List<String> PARTS =
      List.of("", "billing.", "metrics.", "marketing.", "sales.", "success.", "churn.");

  @Test
  void englishAndChineseHaveTheSameKeysAndNoBlanks() throws IOException {
    JsonNode en = dictionary("en");
    JsonNode zh = dictionary("zh-CN");
    assertThat(keys(zh)).isEqualTo(keys(en));
    for (String k : keys(en)) {
      assertThat(en.get(k).asText()).as("en %s", k).isNotBlank();
      assertThat(zh.get(k).asText()).as("zh-CN %s", k).isNotBlank();
    }
  }

  @Test
  void everyKeyTheCodeUsesIsInTheDictionary() throws IOException {
    Set<String> known = keys(dictionary("en"));
    Pattern literal = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'");
    Pattern markup = Pattern.compile("data-i18n=\"([a-zA-Z0-9_.]+)\"");
    List<String> used = new ArrayList<>();
    for (String script : SCRIPTS) {
      Matcher m = literal.matcher(resource("/web/js/" + script));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    Matcher m = markup.matcher(resource("/web/index.html"));
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).hasSizeGreaterThan(100);
    assertThat(known).containsAll(used);
    // Keys built at run time from closed sets.
    for (String prefix : List.of("role.", "status.", "dept.")) {
      assertThat(known.stream().filter(k -> k.startsWith(prefix))).isNotEmpty();
    }
    for (String role : List.of("admin", "marketing", "sales", "success", "tenant_admin")) {
      assertThat(known).contains("role." + role);
    }
  }

  /** All parts of one language merged; a key defined in two parts fails the test. */
  private static JsonNode dictionary(String lang) throws IOException {
    ObjectNode merged = new ObjectMapper().createObjectNode();
    for (String part : PARTS) {
      try (InputStream in =
          I18nDictionaryTest.class.getResourceAsStream("/web/i18n/" + part + lang + ".json")) {
        JsonNode node = new ObjectMapper().readTree(in);
        for (String k : keys(node)) {
          assertThat(merged.has(k)).as("%s defined twice (%s%s.json)", k, part, lang).isFalse();
          merged.set(k, node.get(k));
        }
      }
    }
    return merged;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = I18nDictionaryTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
