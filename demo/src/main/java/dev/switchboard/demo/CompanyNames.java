package dev.switchboard.demo;

import java.util.Locale;
import java.util.Random;

/** Made-up company and person names for the demo, Chinese with a pinyin slug for domains. */
final class CompanyNames {

  private static final String[][] PLACES = {
    {"华兴", "huaxing"}, {"东方", "dongfang"}, {"金桥", "jinqiao"}, {"恒达", "hengda"},
    {"新源", "xinyuan"}, {"长城", "changcheng"}, {"富民", "fumin"}, {"瑞丰", "ruifeng"},
    {"明珠", "mingzhu"}, {"宏图", "hongtu"}, {"永安", "yongan"}, {"天成", "tiancheng"}
  };
  private static final String[][] TRADES = {
    {"商贸", "trading"}, {"五金", "hardware"}, {"食品", "foods"}, {"物流", "logistics"},
    {"医疗", "medical"}, {"教育", "edu"}, {"餐饮", "catering"}, {"建材", "materials"}
  };
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"};
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰"
  };

  private CompanyNames() {}

  /** A company name; the id keeps two leads from the same words apart. */
  static String company(Random random, int id) {
    String[] place = PLACES[random.nextInt(PLACES.length)];
    String[] trade = TRADES[random.nextInt(TRADES.length)];
    return place[0] + trade[0] + "有限公司 " + id;
  }

  /** A DNS-safe slug for a company made by {@link #company}. */
  static String slug(String company, int id) {
    StringBuilder out = new StringBuilder();
    for (String[] p : PLACES) {
      if (company.startsWith(p[0])) {
        out.append(p[1]);
      }
    }
    for (String[] t : TRADES) {
      if (company.contains(t[0])) {
        out.append('-').append(t[1]);
      }
    }
    return out.append('-').append(id).toString().toLowerCase(Locale.ROOT);
  }

  static String person(Random random) {
    return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
  }
}
