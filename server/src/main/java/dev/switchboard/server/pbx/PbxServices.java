package dev.switchboard.server.pbx;

import dev.switchboard.server.proxy.ProxyHooks;
import dev.switchboard.server.sip.StackFeatures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The PBX as a feature of the SIP stack: its routing plugged into the proxy, kept messages
 * delivered as phones register, and the presence notifier answering SUBSCRIBEs itself.
 */
public final class PbxServices implements StackFeatures, AutoCloseable {
  private final PbxDirectory pbx;
  private final MessageStore messages;
  private final Clock clock;
  private final Duration poll;
  private volatile PresenceServer presence;
  private volatile DialogStates dialogs;
  private volatile Function<String, String> messageSummary;
  private volatile BiPredicate<String, String> serviceNumbers = (d, n) -> false;

  /**
   * @param messages where MESSAGEs for offline extensions are kept; null: none kept
   * @param poll how often registration state is looked at (message delivery, presence)
   */
  public PbxServices(PbxDirectory pbx, MessageStore messages, Clock clock, Duration poll) {
    this.pbx = pbx;
    this.messages = messages;
    this.clock = clock;
    this.poll = poll;
  }

  @Override
  public Bound bind(Stack stack) {
    if (messages != null) {
      messages.start(stack.layer(), stack.address(), stack.location(), poll);
    }
    DialogStates dialogs = new DialogStates();
    this.dialogs = dialogs;
    presence =
        new PresenceServer(
            pbx,
            dialogs,
            stack.location(),
            stack.gate(),
            stack.layer(),
            stack.address(),
            stack.directory()::isLocalDomain,
            clock,
            poll);
    if (messageSummary != null) {
      presence.messageSummary(messageSummary);
    }
    return new Bound(
        new ProxyHooks(
            new PbxRouting(
                pbx,
                messages,
                dialogs,
                stack.location(),
                stack.routes(),
                stack.directory()::isLocalDomain,
                clock,
                (d, n) -> serviceNumbers.test(d, n),
                stack.address()),
            dialogs),
        presence);
  }

  /**
   * Lets owners subscribe to their mailbox: {@code summary} gives the RFC 3842 body for an AOR
   * ({@code sip:USER@DOMAIN}); watchers are notified when it changes.
   */
  public void messageSummary(Function<String, String> summary) {
    this.messageSummary = summary;
    PresenceServer p = presence;
    if (p != null) {
      p.messageSummary(summary);
    }
  }

  /** The calls of {@code domain}'s extensions now; empty before the stack is bound. */
  public List<LineState> lines(String domain) {
    DialogStates d = dialogs;
    return d == null ? List.of() : d.lines(domain);
  }

  /**
   * Lets the node's services take calls to numbers of their own that the dial plan does not know
   * (menus, rooms) and to groups with a queue: {@code serves} says whether a number of a domain is
   * one.
   */
  public void serviceNumbers(BiPredicate<String, String> serves) {
    this.serviceNumbers = serves;
  }

  @Override
  public void close() {
    PresenceServer p = presence;
    if (p != null) {
      p.close();
    }
  }
}
