package dev.switchboard.demo.success;

import java.util.Random;

/** Contact names for demo cases. */
final class CompanyContacts {
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
  private static final String[] TITLES = {"经理", "主管", "老板", "前台"};

  static String name(Random r) {
    return SURNAMES[r.nextInt(SURNAMES.length)] + TITLES[r.nextInt(TITLES.length)];
  }
}
