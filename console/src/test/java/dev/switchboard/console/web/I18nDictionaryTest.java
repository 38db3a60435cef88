package dev.switchboard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
      List.of("app.js", "telephony.js", "staff.js", "i18n.js", "api.js", "dom.js");

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

  private static JsonNode dictionary(String lang) throws IOException {
    try (InputStream in =
        I18nDictionaryTest.class.getResourceAsStream("/web/i18n/" + lang + ".json")) {
      return new ObjectMapper().readTree(in);
    }
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
