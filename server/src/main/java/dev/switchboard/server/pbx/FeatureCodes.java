package dev.switchboard.server.pbx;

import dev.switchboard.server.location.LocationService;
import dev.switchboard.server.proxy.CallTracker;
import dev.switchboard.server.proxy.Target;
import dev.switchboard.server.proxy.TargetResolver.Resolution;
import dev.switchboard.server.usage.CallDetailRecord.Routing;
import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.account.AccountOptions;
import dev.switchboard.store.pbx.Feature;
import dev.switchboard.store.pbx.RingGroup;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * What dialling a feature code does for one of the tenant's extensions: DND and forwarding switched
 * durably in the extension's options, call pickup, and the caller's own voicemail.
 *
 * <p>A proxy has no media to play a confirmation on, so a code is answered with a final response
 * whose reason phrase says what happened. Success is a {@code 603}: desk phones (Yealink, Polycom,
 * Snom, baresip) end the attempt and show the reason phrase for any final failure, a 6xx makes no
 * phone or upstream proxy try the code again elsewhere (RFC 3261 §21.6), and unlike 5xx or 408 it
 * never triggers a phone's fail-over to a backup server, which would run the code twice. A code
 * that cannot be done gets the 4xx that says why.
 */
final class FeatureCodes {
  /** The status a feature code that did its work is answered with (see the class comment). */
  static final int DONE = 603;

  /**
   * RFC 3261 §20.9 Call-Info {@code answer-after=0}: the pickup branch reaches a phone whose user
   * just dialled the pickup code, so it answers at once (Polycom, Yealink, Snom, baresip honour
   * it).
   */
  static final Map<String, String> AUTO_ANSWER =
      Map.of("Call-Info", "<sip:pickup.invalid>;answer-after=0");

  private final PbxDirectory pbx;
  private final DialogStates dialogs;
  private final LocationService location;
  private final Clock clock;

  FeatureCodes(PbxDirectory pbx, DialogStates dialogs, LocationService location, Clock clock) {
    this.pbx = pbx;
    this.dialogs = dialogs;
    this.location = location;
    this.clock = clock;
  }

  /** Runs {@code code} dialled by {@code user@domain}; the stage says what the caller is told. */
  CompletionStage<Resolution> dial(
      Dialled.FeatureCode code, String domain, String user, CallTracker tracker) {
    Feature f = code.feature();
    String arg = code.argument();
    return switch (f) {
      case VOICEMAIL -> done(new Resolution.Voicemail(user));
      case DND_ON -> change(domain, user, o -> o.withDoNotDisturb(true), "Do not disturb on");
      case DND_OFF -> change(domain, user, o -> o.withDoNotDisturb(false), "Do not disturb off");
      case FORWARD_ALWAYS_ON ->
          forwardOn(domain, user, arg, o -> o.withForwardUnconditional(arg), "Forward always");
      case FORWARD_ALWAYS_OFF ->
          change(domain, user, o -> o.withForwardUnconditional(null), "Forward always off");
      case FORWARD_BUSY_ON ->
          forwardOn(domain, user, arg, o -> o.withForwardBusy(arg), "Forward on busy");
      case FORWARD_BUSY_OFF ->
          change(domain, user, o -> o.withForwardBusy(null), "Forward on busy off");
      case FORWARD_NO_ANSWER_ON ->
          forwardOn(domain, user, arg, o -> o.withForwardNoAnswer(arg), "Forward on no answer");
      case FORWARD_NO_ANSWER_OFF ->
          change(domain, user, o -> o.withForwardNoAnswer(null), "Forward on no answer off");
      case PICKUP -> done(pickup(domain, user, null, tracker));
      case DIRECTED_PICKUP -> done(pickup(domain, user, arg, tracker));
    };
  }

  private CompletionStage<Resolution> forwardOn(
      String domain, String user, String arg, UnaryOperator<AccountOptions> c, String what) {
    if (arg == null) {
      return done(new Resolution.Answer(484, what + ": dial the code, then the number"));
    }
    try {
      AccountOptions.destination("forward", arg);
    } catch (InvalidValueException e) {
      return done(new Resolution.Answer(484, what + ": not a number to forward to"));
    }
    if (arg.equals(user)) {
      return done(new Resolution.Answer(482, what + ": cannot forward to yourself"));
    }
    return change(domain, user, c, what + " to " + arg);
  }

  /** Writes the change durably (off the SIP thread), then tells the caller. */
  private CompletionStage<Resolution> change(
      String domain, String user, UnaryOperator<AccountOptions> c, String said) {
    if (pbx.options(domain, user).isEmpty()) {
      return done(new Resolution.Answer(404, "No call handling for this extension yet"));
    }
    CompletableFuture<Resolution> answer = new CompletableFuture<>();
    pbx.update(domain, user, c)
        .whenComplete(
            (o, e) ->
                answer.complete(
                    e == null
                        ? new Resolution.Answer(DONE, said)
                        : new Resolution.Answer(500, "Setting not saved")));
    return answer;
  }

  /**
   * Call pickup: the oldest call ringing an extension of the picker's pickup group (its ring
   * groups' members, or the tenant when it is in none), or ringing {@code target} for directed
   * pickup, gets a branch to the picker's phones. When the picker answers, the proxy cancels the
   * branches that were ringing; the picker's own attempt is ended with the reason phrase.
   */
  private Resolution pickup(String domain, String picker, String target, CallTracker tracker) {
    if (target != null && pbx.options(domain, target).isEmpty()) {
      return new Resolution.Answer(404, "No such extension to pick up");
    }
    String own = "sip:" + picker + "@" + domain;
    String suffix = "@" + domain;
    Set<String> group = pickupGroup(domain, picker);
    DialogStates.Ringing ringing =
        dialogs.ringing(
            aor ->
                target != null
                    ? aor.equals("sip:" + target + suffix)
                    : aor.endsWith(suffix)
                        && !aor.equals(own)
                        && (group == null || group.contains(aor)));
    if (ringing == null) {
      return new Resolution.Answer(480, "No call to pick up");
    }
    Instant now = clock.instant();
    List<Target> phones = new ArrayList<>();
    for (Target t :
        RingPlan.phones(
            location.lookup(own).stream().filter(b -> !b.expired(now)).toList(), null, own)) {
      phones.add(t.withHeaders(AUTO_ANSWER));
    }
    if (phones.isEmpty()) {
      return new Resolution.Answer(480, "Your phone is not registered");
    }
    if (!ringing.call().add(phones)) {
      return new Resolution.Answer(480, "The call was answered or ended");
    }
    tracker.routed(ringing.call().callId(), ringing.call().callerTag(), Routing.PICKUP);
    return new Resolution.Answer(DONE, "Picked up " + ringing.aor().substring(4));
  }

  /**
   * The addresses {@code picker}'s {@code *8} may pick up: the members of every ring group the
   * picker belongs to; null (the whole tenant) for an extension in no group, as in a small office
   * that has none.
   */
  private Set<String> pickupGroup(String domain, String picker) {
    Set<String> members = null;
    for (RingGroup g : pbx.tenant(domain).groups()) {
      if (g.members().contains(picker)) {
        if (members == null) {
          members = new HashSet<>();
        }
        for (String m : g.members()) {
          members.add("sip:" + m + "@" + domain);
        }
      }
    }
    return members;
  }

  private static CompletionStage<Resolution> done(Resolution r) {
    return CompletableFuture.completedFuture(r);
  }
}
