package dev.switchboard.server.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.SRVRecord;

/**
 * The order to try SRV targets in (RFC 2782): lowest priority first; within one priority a weighted
 * random draw, so a target of weight 9 comes first nine times as often as one of weight 1. Targets
 * named "." (the service is not offered) are left out.
 */
final class SrvOrder {
  private SrvOrder() {}

  static List<SRVRecord> order(List<SRVRecord> records, RandomGenerator random) {
    List<SRVRecord> sorted = new ArrayList<>(records);
    // A target of "." says the service is not offered at this domain.
    sorted.removeIf(r -> r.getTarget().equals(org.xbill.DNS.Name.root));
    sorted.sort(Comparator.comparingInt(SRVRecord::getPriority));
    List<SRVRecord> out = new ArrayList<>(sorted.size());
    int i = 0;
    while (i < sorted.size()) {
      int priority = sorted.get(i).getPriority();
      List<SRVRecord> group = new ArrayList<>();
      while (i < sorted.size() && sorted.get(i).getPriority() == priority) {
        group.add(sorted.get(i++));
      }
      while (!group.isEmpty()) {
        int total = group.stream().mapToInt(SRVRecord::getWeight).sum();
        // Drawn from 1..total, so each weight's share is exact; weight 0 comes after the others
        // (RFC 2782 grants it only "a very small chance").
        int pick = total == 0 ? 0 : 1 + random.nextInt(total);
        int running = 0;
        for (int k = 0; k < group.size(); k++) {
          running += group.get(k).getWeight();
          if (running >= pick) {
            out.add(group.remove(k));
            break;
          }
        }
      }
    }
    return out;
  }
}
