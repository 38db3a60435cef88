package dev.switchboard.server.queue;

import dev.switchboard.server.hold.TenantMusic;
import dev.switchboard.server.services.MediaServices;
import dev.switchboard.server.services.ServiceAgent;
import dev.switchboard.sip.message.SipResponse;
import dev.switchboard.sip.transaction.ServerTransaction;
import dev.switchboard.store.pbx.RingGroup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues of the tenants' ring groups that have one: a call to such a group is answered here and
 * waits in its group's {@link CallQueue} until a member answers, it waited too long or it hangs up.
 */
public final class QueueService implements MediaServices.NumberedService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueService.class);

  /** The reason phrase of the 486 a caller gets when its group's queue is full. */
  public static final String QUEUE_FULL = "Queue Full";

  private final ServiceAgent agent;
  private final BiFunction<String, String, Optional<RingGroup>> groups;
  private final TenantMusic music;
  private final Map<String, CallQueue> queues = new HashMap<>(); // work thread only

  /**
   * @param groups the group at a number of a domain, as the PBX has it now
   */
  public QueueService(
      ServiceAgent agent,
      BiFunction<String, String, Optional<RingGroup>> groups,
      TenantMusic music) {
    this.agent = agent;
    this.groups = groups;
    this.music = music;
  }

  @Override
  public boolean serves(String domain, String number) {
    return queued(domain, number).isPresent();
  }

  private Optional<RingGroup> queued(String domain, String number) {
    return groups.apply(domain, number).filter(g -> g.queue().enabled());
  }

  @Override
  public void take(ServerTransaction tx, String domain, String number) {
    agent.take(tx, t -> admit(t, domain, number), (call, q) -> q.arrive(call));
  }

  /** On the work thread: the group's queue, or empty once {@code tx} was refused. */
  private Optional<CallQueue> admit(ServerTransaction tx, String domain, String number) {
    Optional<RingGroup> group = queued(domain, number);
    if (group.isEmpty()) {
      tx.respond(404);
      return Optional.empty();
    }
    CallQueue q =
        queues.computeIfAbsent(
            domain + "/" + number, k -> new CallQueue(agent, music, domain, group.get()));
    q.reconfigure(group.get());
    if (q.full()) {
      log.info("queue of group {} at {} is full: a caller is refused", number, domain);
      SipResponse busy = tx.request().createResponse(486, QUEUE_FULL);
      if (tx.request().to().tag() == null) {
        busy.setTo(busy.to().withTag(tx.localTag()));
      }
      tx.respond(busy);
      return Optional.empty();
    }
    return Optional.of(q);
  }

  @Override
  public void close() {
    agent.close();
  }
}
