package dev.switchboard.ops.success;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search terms of mixed Chinese and English text. */
class HelpTextTest {

  @Test
  void wordsAndCjkBigrams() {
    Map<String, Integer> t = HelpText.terms("如何设置呼叫转移? How to set Call Forwarding, call 1001");
    assertThat(t.keySet())
        .containsExactly(
            "如何",
            "何设",
            "设置",
            "置呼",
            "呼叫",
            "叫转",
            "转移",
            "how",
            "to",
            "set",
            "call",
            "forwarding",
            "1001");
    assertThat(t.get("call")).isEqualTo(2);
  }

  @Test
  void fullWidthLettersAndSingleCharacters() {
    assertThat(HelpText.terms("ＳＩＰ 的 a").keySet()).containsExactly("sip", "的");
  }
}
