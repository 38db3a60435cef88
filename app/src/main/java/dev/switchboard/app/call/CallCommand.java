package dev.switchboard.app.call;

import dev.switchboard.media.FrameSource;
import dev.switchboard.media.clock.AudioPatch;
import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.rtp.PortRange;
import dev.switchboard.media.tone.ToneGenerator;
import dev.switchboard.media.wav.PromptPlayer;
import dev.switchboard.media.wav.WavAudio;
import dev.switchboard.media.wav.WavEncoding;
import dev.switchboard.media.wav.WavReader;
import dev.switchboard.media.wav.WavWriter;
import dev.switchboard.sip.message.SipParseException;
import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.message.Uri;
import dev.switchboard.ua.Call;
import dev.switchboard.ua.CallEnd;
import dev.switchboard.ua.CallListener;
import dev.switchboard.ua.ForwardingCallListener;
import dev.switchboard.ua.Registration;
import dev.switchboard.ua.Softphone;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard call}: a softphone that checks a line — registers, calls (or waits for a
 * call), plays a file or a tone, records what it hears, sends keys, transfers the call (blind or
 * attended) or follows a transfer it is asked for, hangs up, and says by its exit code how it went.
 */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = "Register, call or answer, play, record, send keys, transfer, hang up.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the call was answered and ended normally (and a --transfer-to succeeded)",
      "1:the call failed (any other refusal, media or network error, a failed transfer)",
      "2:usage error",
      "3:the server did not answer",
      "4:busy (486, 600)",
      "5:no answer (480, 408, ring timeout, no incoming call)",
      "6:registration or authentication refused (401, 403, 407)"
    })
public final class CallCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int UNREACHABLE = 3;
  static final int BUSY = 4;
  static final int NO_ANSWER = 5;
  static final int REFUSED = 6;

  @Option(names = "--server", required = true, description = "SIP server HOST:PORT (UDP).")
  String server;

  @Option(names = "--user", required = true, description = "Extension and digest user name.")
  String user;

  @Option(
      names = "--password",
      defaultValue = "${env:SWITCHBOARD_SIP_PASSWORD}",
      description = "Digest password (or SWITCHBOARD_SIP_PASSWORD).")
  String password;

  @Option(names = "--domain", required = true, description = "The account's SIP domain.")
  String domain;

  @Parameters(
      arity = "0..1",
      paramLabel = "TARGET",
      description = "Who to call: sip:1002@domain, or an extension of --domain.")
  String target;

  @Option(names = "--answer", description = "Wait for a call and answer it instead of calling.")
  boolean answer;

  @Option(names = "--play", paramLabel = "FILE", description = "WAV file to play once answered.")
  Path play;

  @Option(names = "--tone", paramLabel = "HZ", description = "Play a sine of HZ instead of a file.")
  Double tone;

  @Option(names = "--record", paramLabel = "FILE", description = "Record what we hear (WAV).")
  Path record;

  @Option(
      names = "--dtmf",
      paramLabel = "KEYS",
      description = "Keys to send once answered; each comma waits one second (a menu's pace).")
  String dtmf;

  @Option(
      names = "--dtmf-delay",
      paramLabel = "MS",
      defaultValue = "1000",
      description = "Wait this long after the answer before sending the keys.")
  long dtmfDelay;

  @Option(
      names = "--hold-at",
      paramLabel = "S",
      description =
          "Put the other side on hold (re-INVITE sendonly) S seconds after the answer, sending"
              + " nothing meanwhile.")
  Double holdAt;

  @Option(
      names = "--resume-at",
      paramLabel = "S",
      description = "Take the other side off hold S seconds after the answer (after --hold-at).")
  Double resumeAt;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description = "Stay N seconds in the answered call (default: the file's length, else 10).")
  Double seconds;

  @Option(
      names = "--wait",
      paramLabel = "N",
      defaultValue = "60",
      description = "Seconds to ring (calling) or to wait for a call (--answer).")
  int waitSeconds;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Local IP address (default: the one that reaches the server).")
  String bind;

  @Option(
      names = "--rtp-ports",
      paramLabel = "MIN-MAX",
      defaultValue = "40000-40999",
      description = "Local RTP port range.")
  String rtpPorts;

  @Option(names = "--expires", defaultValue = "300", description = "Registration lifetime (s).")
  int expires;

  @Option(
      names = "--transfer-to",
      paramLabel = "URI",
      description =
          "Once answered, transfer the call to URI (or an extension of --domain) by REFER.")
  String transferTo;

  @Option(
      names = "--attended",
      description =
          "With --transfer-to: hold the call, call URI first and hand the caller over to that"
              + " call (REFER with Replaces) once it is answered.")
  boolean attended;

  @Option(
      names = "--transfer-after",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "With --transfer-to: seconds in the call (and the consultation) before the REFER.")
  double transferAfter;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) throws Exception {
    if (!answer && (target == null || target.isBlank())) {
      throw usage("give a TARGET to call, or --answer to wait for a call");
    }
    if (password == null) {
      throw usage("no password: pass --password or set SWITCHBOARD_SIP_PASSWORD");
    }
    if (resumeAt != null && (holdAt == null || resumeAt <= holdAt)) {
      throw usage("--resume-at needs an earlier --hold-at");
    }
    if (holdAt != null && holdAt < 0) {
      throw usage("--hold-at is seconds after the answer, not " + holdAt);
    }
    if (play != null && tone != null) {
      throw usage("--play and --tone exclude each other");
    }
    if (dtmf != null && !dtmf.chars().allMatch(c -> c == ',' || DtmfDigit.isKey((char) c))) {
      throw usage("--dtmf takes the keys 0-9 * # A-D and commas for pauses: " + dtmf);
    }
    if (attended && transferTo == null) {
      throw usage("--attended needs --transfer-to URI");
    }
    if (transferAfter < 0) {
      throw usage("--transfer-after must not be negative");
    }
    Uri transferTarget = transferTo == null ? null : transferTarget();

    InetSocketAddress serverAddress = serverAddress();
    PortRange ports;
    try {
      ports = PortRange.parse(rtpPorts);
    } catch (IllegalArgumentException e) {
      throw usage("bad --rtp-ports: " + e.getMessage());
    }
    short[] prompt = null;
    if (play != null) {
      try {
        WavAudio audio = WavReader.read(play);
        prompt = audio.narrowband();
      } catch (IOException | RuntimeException e) {
        err.println("error: cannot read " + play + ": " + e.getMessage());
        return FAILED;
      }
    }
    String local = bind != null ? bind : localAddressTowards(serverAddress);
    try (Softphone phone =
        Softphone.start(
            new Softphone.Config(serverAddress, user, password, domain, local, ports))) {
      int registered = register(phone, out, err);
      if (registered != OK) {
        return registered;
      }
      Printer printer = new Printer(out);
      Call call;
      if (answer) {
        out.println("waiting for a call (" + waitSeconds + " s)");
        out.flush();
        call = phone.nextIncoming(waitSeconds * 1000L);
        if (call == null) {
          err.println("no call came within " + waitSeconds + " s");
          return NO_ANSWER;
        }
        out.println("incoming call from " + call.remoteParty().uri());
        call.ring();
        if (!call.answer(printer)) {
          err.println("the caller gave up before we answered");
          return NO_ANSWER;
        }
      } else {
        out.println("calling " + target);
        out.flush();
        call = phone.call(target, printer);
        int outcome = awaitAnswer(call, err);
        if (outcome != OK) {
          return outcome;
        }
      }
      Call ours = call;
      Thread busyLine = new Thread(() -> refuseOthers(phone, ours), "busy-line");
      busyLine.setDaemon(true);
      busyLine.start();
      try {
        if (transferTarget != null) {
          return transfer(phone, call, transferTarget, prompt, printer, out, err);
        }
        return talk(phone, call, prompt, printer, out);
      } finally {
        busyLine.interrupt();
      }
    }
  }

  /** A one-line phone: while our call lasts, every other incoming call hears 486 Busy Here. */
  private static void refuseOthers(Softphone phone, Call ours) {
    try {
      while (!ours.ended().isDone()) {
        Call other = phone.nextIncoming(200);
        if (other != null) {
          other.reject(486);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int register(Softphone phone, PrintWriter out, PrintWriter err) throws Exception {
    try {
      int granted = phone.register(expires).get(10, TimeUnit.SECONDS);
      out.println("registered " + phone.aor().uri() + " (expires " + granted + " s)");
      out.flush();
      return OK;
    } catch (TimeoutException e) {
      err.println("error: the server " + server + " did not answer the REGISTER");
      return UNREACHABLE;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Registration.Refused r) {
        err.println("error: registration refused: " + r.getMessage());
        return switch (r.status()) {
          case 401, 403, 407 -> REFUSED;
          case 408, 503 -> UNREACHABLE;
          default -> FAILED;
        };
      }
      throw e;
    }
  }

  private int awaitAnswer(Call call, PrintWriter err) throws Exception {
    try {
      call.answered().get(waitSeconds, TimeUnit.SECONDS);
      return OK;
    } catch (TimeoutException e) {
      call.hangup();
      call.ended().get(35, TimeUnit.SECONDS);
      err.println("no answer within " + waitSeconds + " s");
      return NO_ANSWER;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof Call.NotAnswered na)) {
        throw e;
      }
      CallEnd end = na.end();
      err.println(
          "call failed: "
              + (end.status() > 0 ? end.status() + " " + nonNull(end.reason()) : end.cause()));
      return switch (end.status()) {
        case 486, 600 -> BUSY;
        case 408, 480, 487 -> NO_ANSWER;
        case 401, 403, 407 -> REFUSED;
        case 503 ->
            end.reason() != null && end.reason().startsWith("Cannot") ? UNREACHABLE : FAILED;
        default -> FAILED;
      };
    }
  }

  /** Sends {@code --dtmf} after {@code --dtmf-delay}, waiting a second at each comma. */
  private void sendKeys(Call call, PrintWriter out) throws Exception {
    long wait = dtmfDelay;
    for (String keys : (dtmf + " ").split(",", -1)) {
      String group = keys.strip();
      if (!group.isEmpty() || wait > 0) {
        try {
          call.ended().get(wait, TimeUnit.MILLISECONDS);
          return; // the call ended while we waited
        } catch (TimeoutException stillUp) {
          wait = 0;
        }
      }
      if (!group.isEmpty()) {
        call.sendDigits(group);
        out.println("sent DTMF " + group);
        out.flush();
      }
      wait += 1000;
    }
  }

  private FrameSource source(short[] prompt) {
    return prompt != null
        ? new PromptPlayer(prompt, false)
        : tone != null
            ? ToneGenerator.sine(tone, 8000)
            : () -> null; // nothing to say, but keys go out on the stream's ticks
  }

  private int talk(Softphone phone, Call first, short[] prompt, Printer printer, PrintWriter out)
      throws Exception {
    long started = System.nanoTime();
    WavWriter recording = record == null ? null : WavWriter.create(record, WavEncoding.PCM);
    Call call = first;
    AudioPatch recorder =
        recording == null ? null : AudioPatch.connect(phone.clock(), call.media(), recording);
    FrameSource source = source(prompt);
    AtomicReference<AudioPatch> player =
        new AtomicReference<>(AudioPatch.connect(phone.clock(), source, call.media()));
    ScheduledExecutorService holds =
        holdAt == null ? null : holdSteps(phone, call, source, player, out);
    double stay = seconds != null ? seconds : prompt != null ? prompt.length / 8000.0 + 0.5 : 10.0;
    if (dtmf != null && !dtmf.isEmpty()) {
      sendKeys(call, out);
    }
    CallEnd end;
    while (true) {
      long left = (long) (stay * 1000) - (System.nanoTime() - started) / 1_000_000;
      try {
        end = call.ended().get(Math.max(0, left), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.hangup();
        end = call.ended().get(5, TimeUnit.SECONDS);
        out.println("hung up");
        break;
      }
      // A transfer we followed: the old call ends, the sound goes on in the new one.
      Call next = printer.followed(waitSeconds);
      if (next == null || next == call) {
        out.println("the other side hung up");
        break;
      }
      AudioPatch previous =
          player.getAndSet(AudioPatch.connect(phone.clock(), source, next.media()));
      if (previous != null) {
        previous.disconnect();
      }
      if (recorder != null) {
        recorder.disconnect();
        recorder = AudioPatch.connect(phone.clock(), next.media(), recording);
      }
      out.println("now talking to " + next.remoteParty().uri());
      out.flush();
      call = next;
    }
    if (holds != null) {
      holds.shutdownNow();
    }
    AudioPatch last = player.getAndSet(null);
    if (last != null) {
      last.disconnect();
    }
    if (recorder != null) {
      recorder.disconnect();
      Thread.sleep(40); // a tick already running finishes before the file is closed
      recording.close();
      out.println("recorded " + recording.millis() + " ms to " + record);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    out.println("call ended after " + millis + " ms (" + end.cause() + ")");
    return end.cause() == CallEnd.Cause.FAILED ? FAILED : OK;
  }

  /**
   * Holds the other side at {@code --hold-at} (and stops sending: a holding phone is silent) and
   * takes it off hold at {@code --resume-at}, sending {@code source} again.
   */
  private ScheduledExecutorService holdSteps(
      Softphone phone,
      Call call,
      FrameSource source,
      AtomicReference<AudioPatch> player,
      PrintWriter out) {
    ScheduledExecutorService steps =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hold");
              t.setDaemon(true);
              return t;
            });
    steps.schedule(
        () -> {
          AudioPatch p = player.getAndSet(null);
          if (p != null) {
            p.disconnect();
          }
          boolean sent = call.hold(true);
          out.println(sent ? "holding the other side" : "could not hold now");
          out.flush();
        },
        (long) (holdAt * 1000),
        TimeUnit.MILLISECONDS);
    if (resumeAt != null) {
      steps.schedule(
          () -> {
            boolean sent = call.hold(false);
            player.set(AudioPatch.connect(phone.clock(), source, call.media()));
            out.println(sent ? "taken off hold" : "could not resume now");
            out.flush();
          },
          (long) (resumeAt * 1000),
          TimeUnit.MILLISECONDS);
    }
    return steps;
  }

  /**
   * Transfers {@code call}: blind (REFER to the target) or attended (hold, call the target, REFER
   * with Replaces), then waits for the far end's report and, on success, hangs up our calls.
   */
  private int transfer(
      Softphone phone,
      Call call,
      Uri target,
      short[] prompt,
      Printer printer,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    AudioPatch player = AudioPatch.connect(phone.clock(), source(prompt), call.media());
    Call consultation = null;
    try {
      if (stays(call, transferAfter)) {
        err.println("the other side hung up before the transfer");
        return FAILED;
      }
      CompletableFuture<Integer> outcome;
      if (attended) {
        printer.say("holding " + call.remoteParty().uri());
        if (!call.hold(true)) {
          err.println("error: cannot put the call on hold now");
          return FAILED;
        }
        printer.say("consulting " + target);
        consultation = phone.call(target.toString(), printer);
        int answered = awaitAnswer(consultation, err);
        if (answered != OK) {
          call.hold(false);
          return answered;
        }
        player.disconnect();
        player = AudioPatch.connect(phone.clock(), source(prompt), consultation.media());
        if (stays(consultation, transferAfter)) {
          err.println("the consultation ended before the transfer");
          call.hold(false);
          return FAILED;
        }
        printer.say("transferring " + call.remoteParty().uri() + " to " + target + " (attended)");
        outcome = call.transfer(consultation);
      } else {
        printer.say("transferring " + call.remoteParty().uri() + " to " + target);
        outcome = call.transfer(target);
      }
      int status = outcome.get(waitSeconds + 35L, TimeUnit.SECONDS);
      if (status < 200 || status >= 300) {
        err.println("transfer failed: " + status);
        if (consultation != null) {
          consultation.hangup();
          call.hold(false);
        }
        return FAILED;
      }
      printer.say("transfer succeeded (" + status + ")");
      // Our part is over: the transferee talks to the target now (RFC 5589 §6-7).
      call.hangup();
      if (consultation != null) {
        consultation.hangup();
      }
      call.ended().get(5, TimeUnit.SECONDS);
      if (consultation != null) {
        consultation.ended().get(5, TimeUnit.SECONDS);
      }
      printer.say("released");
      return OK;
    } catch (TimeoutException e) {
      err.println("transfer failed: no report from the other side");
      return FAILED;
    } finally {
      player.disconnect();
    }
  }

  /** Waits {@code secs} in {@code call}; true when it ended meanwhile. */
  private static boolean stays(Call call, double secs) throws Exception {
    try {
      call.ended().get((long) (secs * 1000), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillUp) {
      return false;
    }
  }

  private Uri transferTarget() {
    try {
      return transferTo.contains(":") ? Uri.parse(transferTo) : SipUri.of(transferTo, domain);
    } catch (SipParseException | IllegalArgumentException e) {
      throw usage("bad --transfer-to " + transferTo + ": " + e.getMessage());
    }
  }

  private InetSocketAddress serverAddress() {
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      throw usage("--server must be HOST:PORT");
    }
    String host = server.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw usage("--server port is not a number: " + server);
    }
    if (port < 1 || port > 65535) {
      throw usage("--server port out of range: " + port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw usage("unknown --server host " + host);
    }
  }

  /** The local address the system would send from towards the server (no packet is sent). */
  private static String localAddressTowards(InetSocketAddress server) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(server);
      InetAddress a = s.getLocalAddress();
      return a == null || a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** Tells the operator what happens, a line per event; follows a transfer it is asked for. */
  private static final class Printer implements CallListener {
    private final PrintWriter out;
    // The call a REFER made us place: completes with it once answered, with null if it fails.
    private final AtomicReference<CompletableFuture<Call>> followed = new AtomicReference<>();

    Printer(PrintWriter out) {
      this.out = out;
    }

    /** The call a transfer we followed led to, once answered (waiting up to {@code secs}). */
    Call followed(int secs) throws InterruptedException {
      CompletableFuture<Call> f = followed.getAndSet(null);
      if (f == null) {
        return null;
      }
      try {
        return f.get(secs, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        return null;
      }
    }

    @Override
    public CallListener onReferred(Call call, SipUri target) {
      say("transferred to " + target.withoutHeaders() + " by REFER");
      CompletableFuture<Call> next = new CompletableFuture<>();
      followed.set(next);
      return new ForwardingCallListener(this) {
        @Override
        public void onAnswered(Call c) {
          super.onAnswered(c);
          next.complete(c);
        }

        @Override
        public void onEnded(Call c, CallEnd end) {
          next.complete(null);
        }
      };
    }

    @Override
    public void onTransferProgress(Call call, int status) {
      say("transfer progress: " + status);
    }

    void say(String line) {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    }

    @Override
    public void onRinging(Call call) {
      say("ringing");
    }

    @Override
    public void onAnswered(Call call) {
      say("answered (" + call.media().stream().codec() + ")");
    }

    @Override
    public void onDigit(Call call, char digit) {
      say("received DTMF " + digit);
    }

    @Override
    public void onRemoteHold(Call call, boolean held) {
      say(held ? "held by the other side" : "taken off hold");
    }
  }
}
