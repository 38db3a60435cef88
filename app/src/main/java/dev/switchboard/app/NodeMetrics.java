package dev.switchboard.app;

import dev.switchboard.server.edge.Edge;
import dev.switchboard.server.location.IndexedLocationService;
import dev.switchboard.server.sip.SipService;
import dev.switchboard.server.usage.BatchingUsageWriter;
import dev.switchboard.server.usage.UsageWriterCounters;
import dev.switchboard.server.voicemail.MessageMailer;
import dev.switchboard.sip.sigcomp.NackReason;
import dev.switchboard.sip.sigcomp.SigCompCounters;
import dev.switchboard.sip.sigcomp.SigCompEndpoint;
import dev.switchboard.sip.transaction.TransactionCounters;
import dev.switchboard.sip.transport.TransportCounters;
import java.util.Locale;
import java.util.Map;

/**
 * The node's metrics in Prometheus' text exposition format (version 0.0.4), read fresh from the
 * parts' own counters at each scrape: nothing is counted twice and nothing is kept here. Names
 * carry the {@code switchboard_} prefix; totals are counters, levels are gauges.
 */
final class NodeMetrics {
  private final IndexedLocationService locations;
  private final BatchingUsageWriter usage;
  private volatile SipService sip;
  private volatile MessageMailer mailer;

  NodeMetrics(IndexedLocationService locations, BatchingUsageWriter usage) {
    this.locations = locations;
    this.usage = usage;
  }

  /** The SIP service is started after the HTTP side; its figures appear from then on. */
  void attach(SipService service) {
    this.sip = service;
  }

  /** Voicemail e-mail is counted from when it is configured (zero without --smtp-host). */
  void attach(MessageMailer m) {
    this.mailer = m;
  }

  String scrape() {
    StringBuilder out = new StringBuilder(4096);
    MessageMailer m = mailer;
    counter(
        out,
        "voicemail_emails_sent_total",
        "Voicemail messages e-mailed to their mailbox's owner.",
        m == null ? 0 : m.sent());
    counter(
        out,
        "voicemail_emails_failed_total",
        "Voicemail e-mails that could not be sent (the messages stay stored).",
        m == null ? 0 : m.failed());
    gauge(out, "location_aors", "Addresses of record with bindings.", locations.size());
    counter(
        out,
        "location_writes_total",
        "Binding changes made durable in the location journal.",
        locations.writer().snapshots());
    counter(
        out,
        "location_batches_total",
        "Group commits (fsynced appends) of the location journal.",
        locations.writer().batches());
    UsageWriterCounters u = usage.counters();
    counter(out, "usage_events_written_total", "Usage events committed.", u.written());
    counter(out, "usage_events_dropped_total", "Usage events refused (queue full).", u.dropped());
    counter(out, "usage_events_failed_total", "Usage events lost to failed writes.", u.failed());
    SipService s = sip;
    if (s == null) {
      return out.toString();
    }
    TransportCounters t = s.transportCounters();
    counter(out, "sip_messages_in_total", "SIP messages received and parsed.", t.messagesIn());
    counter(out, "sip_messages_out_total", "SIP messages sent.", t.messagesOut());
    counter(
        out,
        "sip_bad_requests_total",
        "Malformed requests answered with 400.",
        t.badRequestsAnswered());
    counter(
        out, "sip_input_dropped_total", "Input dropped unanswered by the transport.", t.dropped());
    gauge(out, "sip_tcp_connections", "TCP and TLS connections open.", t.connectionsOpen());
    counter(
        out,
        "sip_tls_handshake_failures_total",
        "TLS connections closed because the handshake failed or timed out.",
        t.tlsHandshakeFailures());
    counter(
        out,
        "sip_connections_refused_total",
        "TCP and TLS connections closed at accept: the source is blocked.",
        t.connectionsRefused());
    counter(out, "sip_udp_gated_total", "Datagrams dropped unparsed under overload.", t.gated());
    counter(
        out,
        "sip_udp_busy_seconds_total",
        "Time the UDP threads spent processing (not waiting): divided by messages, the cost of one.",
        s.transport().udpBusyNanos() / 1e9);
    double backlog = s.transport().udpBacklog();
    gauge(
        out,
        "sip_udp_backlog_ratio",
        "Fullness of the fullest UDP receive queue (0-1; -1 unknown).",
        backlog);
    counter(
        out,
        "sip_udp_kernel_drops_total",
        "Datagrams the kernel dropped for a full receive buffer.",
        s.transport().udpKernelDrops());
    gauge(
        out,
        "sip_udp_receive_buffer_bytes",
        "UDP receive buffer granted by the OS.",
        s.transport().udpReceiveBuffer());
    TransactionCounters x = s.transactionCounters();
    counter(out, "sip_transactions_total", "Transactions created.", x.created());
    counter(
        out,
        "sip_retransmissions_total",
        "Messages retransmitted by transactions.",
        x.retransmissions());
    counter(out, "sip_transaction_timeouts_total", "Transactions that timed out.", x.timeouts());
    counter(
        out,
        "sip_stateless_answers_total",
        "Requests answered without a transaction (challenges, refusals, 503s).",
        x.statelessAnswers());
    counter(
        out,
        "sip_admission_drops_total",
        "Requests dropped by the edge before any transaction.",
        x.dropped());
    sigComp(out, s.transport().sigComp());
    Edge edge = s.edge();
    if (edge != null) {
      gauge(
          out,
          "sip_overloaded",
          "1 while the edge sheds load with 503.",
          edge.isOverloaded() ? 1 : 0);
      out.append("# HELP switchboard_edge_events_total SIP edge actions by kind.\n");
      out.append("# TYPE switchboard_edge_events_total counter\n");
      for (Map.Entry<String, Long> e : edge.security().counters().entrySet()) {
        if (e.getKey().equals("active_blocks")) {
          continue;
        }
        out.append("switchboard_edge_events_total{kind=\"")
            .append(e.getKey())
            .append("\"} ")
            .append(e.getValue())
            .append('\n');
      }
      gauge(
          out,
          "edge_active_blocks",
          "Senders blocked now.",
          edge.security().counters().getOrDefault("active_blocks", 0L));
    }
    return out.toString();
  }

  /** SigComp (RFC 3320): work done, and every limit that stopped a message or a state. */
  private static void sigComp(StringBuilder out, SigCompEndpoint sc) {
    SigCompCounters c = sc.counters();
    counter(
        out,
        "sigcomp_messages_decompressed_total",
        "SigComp messages decompressed.",
        c.messagesDecompressed());
    counter(
        out,
        "sigcomp_decompression_failures_total",
        "SigComp messages dropped because they would not decompress (each NACKed).",
        c.decompressionFailures());
    counter(
        out,
        "sigcomp_cycles_exhausted_total",
        "SigComp messages dropped for running out of UDVM cycles.",
        c.failures(NackReason.CYCLES_EXHAUSTED));
    counter(out, "sigcomp_cycles_used_total", "UDVM cycles spent on messages.", c.cyclesUsed());
    counter(
        out,
        "sigcomp_messages_compressed_total",
        "Messages sent SigComp-compressed.",
        c.messagesCompressed());
    counter(
        out, "sigcomp_states_created_total", "SigComp states saved for peers.", c.statesCreated());
    counter(
        out,
        "sigcomp_states_evicted_total",
        "SigComp states pushed out by a compartment's memory bound.",
        c.statesEvicted());
    counter(
        out,
        "sigcomp_compartments_evicted_total",
        "SigComp compartments closed to make room (per source or in all).",
        c.compartmentsEvicted());
    gauge(out, "sigcomp_compartments", "SigComp compartments open.", sc.compartmentCount());
    gauge(out, "sigcomp_states", "SigComp states held, the dictionary included.", sc.stateCount());
    gauge(
        out,
        "sigcomp_state_memory_bytes",
        "State memory the SigComp compartments hold.",
        sc.stateMemoryUsed());
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    head(out, name, help, "counter").append(value).append('\n');
  }

  private static void counter(StringBuilder out, String name, String help, double value) {
    head(out, name, help, "counter").append(String.format(Locale.ROOT, "%.6f", value)).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, double value) {
    head(out, name, help, "gauge")
        .append(
            value == Math.rint(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4f", value))
        .append('\n');
  }

  private static StringBuilder head(StringBuilder out, String name, String help, String type) {
    String full = "switchboard_" + name;
    return out.append("# HELP ")
        .append(full)
        .append(' ')
        .append(help)
        .append("\n# TYPE ")
        .append(full)
        .append(' ')
        .append(type)
        .append('\n')
        .append(full)
        .append(' ');
  }
}
