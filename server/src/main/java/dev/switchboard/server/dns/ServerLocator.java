package dev.switchboard.server.dns;

import dev.switchboard.sip.message.SipUri;
import dev.switchboard.sip.transport.Endpoint;
import dev.switchboard.sip.transport.TransportKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where requests for a SIP URI go (RFC 3263 §4): the transport, address and port of every
 * server that may take them, in the order to try them. Never blocks: the answer completes later, an
 * empty list when DNS knows no server.
 */
public final class ServerLocator {

  /** UDP, TCP and TLS: every transport RFC 3263 names for SIP. */
  public static final Set<TransportKind> ALL_TRANSPORTS =
      Set.of(TransportKind.UDP, TransportKind.TCP, TransportKind.TLS);

  private final DnsQueries queries;
  private final Set<TransportKind> transports;
  private final RandomGenerator random; // null: each thread's own

  /**
   * @param transports the transports the caller can open towards another server; §4.1 asks only for
   *     those (a {@code sips:} URI needs TLS among them)
   */
  public ServerLocator(DnsSettings settings, Set<TransportKind> transports) {
    this(settings, transports, Clock.systemUTC(), null);
  }

  ServerLocator(
      DnsSettings settings, Set<TransportKind> transports, Clock clock, RandomGenerator random) {
    this.queries = new DnsQueries(settings, clock);
    this.transports = Set.copyOf(transports);
    this.random = random;
  }

  /**
   * The servers for {@code uri}, best first (§4.1 transport, §4.2 address and port): a transport,
   * port or IP address the URI names is used as given; else NAPTR, else SRV for TLS, TCP and UDP,
   * else the host's A/AAAA records on the default port.
   */
  public CompletableFuture<List<Endpoint>> locate(SipUri uri) {
    String host = uri.maddr() != null ? uri.maddr() : uri.host();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean secure = uri.secure();
    TransportKind given = TransportKind.fromName(uri.transport());
    if (uri.transport() != null && given != TransportKind.UDP && given != TransportKind.TCP) {
      if (given != TransportKind.TLS) {
        return none(); // ws, wss, sctp: not something we open towards another domain
      }
    }
    if (secure) {
      if (given == TransportKind.UDP) {
        return none(); // §26.2.2: sips: is never reached over UDP
      }
      given = TransportKind.TLS;
    }
    if (given != null && !transports.contains(given)) {
      return none();
    }
    InetAddress literal = literal(host);
    if (literal != null) {
      TransportKind kind = given != null ? given : TransportKind.UDP;
      int port = uri.port() > 0 ? uri.port() : kind.defaultPort();
      return CompletableFuture.completedFuture(
          List.of(new Endpoint(kind, new InetSocketAddress(literal, port))));
    }
    Name domain;
    try {
      domain = Name.fromString(host.toLowerCase(Locale.ROOT), Name.root);
    } catch (TextParseException e) {
      return none();
    }
    if (uri.port() > 0) {
      // §4.2: a port in the URI means no SRV, only the host's addresses.
      return addresses(domain, uri.port(), given != null ? given : TransportKind.UDP);
    }
    if (given != null) {
      TransportKind kind = given;
      return srv(domain, kind)
          .thenCompose(orElse(() -> addresses(domain, kind.defaultPort(), kind)));
    }
    return naptr(domain, secure)
        .thenCompose(orElse(() -> srvOfEach(domain, secure)))
        .thenCompose(
            orElse(() -> addresses(domain, TransportKind.UDP.defaultPort(), TransportKind.UDP)))
        .exceptionally(e -> List.of());
  }

  /** §4.1: the domain's NAPTR records for SIP that name an SRV, by order and preference. */
  private CompletableFuture<List<Endpoint>> naptr(Name domain, boolean secure) {
    return queries
        .query(domain, Type.NAPTR)
        .thenCompose(
            records -> {
              List<NAPTRRecord> usable =
                  records.stream()
                      .map(NAPTRRecord.class::cast)
                      .filter(n -> "s".equalsIgnoreCase(n.getFlags()))
                      .filter(n -> transports.contains(transportOf(n.getService(), secure)))
                      .sorted(
                          Comparator.comparingInt(NAPTRRecord::getOrder)
                              .thenComparingInt(NAPTRRecord::getPreference))
                      .toList();
              return concat(
                  usable, n -> srvAt(n.getReplacement(), transportOf(n.getService(), secure)));
            });
  }

  /** The transport a NAPTR service field names, or null when not one we use for this URI. */
  static TransportKind transportOf(String service, boolean secure) {
    return switch (service.toUpperCase(Locale.ROOT)) {
      case "SIPS+D2T" -> TransportKind.TLS;
      case "SIP+D2T" -> secure ? null : TransportKind.TCP;
      case "SIP+D2U" -> secure ? null : TransportKind.UDP;
      default -> null;
    };
  }

  /** §4.1 without NAPTR: SRV for TLS, then TCP, then UDP (only TLS for sips:). */
  private CompletableFuture<List<Endpoint>> srvOfEach(Name domain, boolean secure) {
    List<TransportKind> kinds =
        secure
            ? List.of(TransportKind.TLS)
            : List.of(TransportKind.TLS, TransportKind.TCP, TransportKind.UDP);
    return concat(kinds.stream().filter(transports::contains).toList(), kind -> srv(domain, kind));
  }

  private CompletableFuture<List<Endpoint>> srv(Name domain, TransportKind kind) {
    String prefix =
        switch (kind) {
          case TLS -> "_sips._tcp";
          case TCP -> "_sip._tcp";
          default -> "_sip._udp";
        };
    try {
      return srvAt(Name.concatenate(Name.fromString(prefix), domain), kind);
    } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
      return none();
    }
  }

  /** The servers an SRV name lists, in RFC 2782 order, each with its addresses. */
  private CompletableFuture<List<Endpoint>> srvAt(Name name, TransportKind kind) {
    return queries
        .query(name, Type.SRV)
        .thenCompose(
            records -> {
              List<SRVRecord> ordered =
                  SrvOrder.order(
                      records.stream().map(SRVRecord.class::cast).toList(),
                      random != null ? random : ThreadLocalRandom.current());
              return concat(ordered, s -> addresses(s.getTarget(), s.getPort(), kind));
            });
  }

  /** §4.2: the host's IPv4 addresses, then its IPv6 ones, at {@code port}. */
  private CompletableFuture<List<Endpoint>> addresses(Name host, int port, TransportKind kind) {
    return concat(
        List.of(Type.A, Type.AAAA),
        type ->
            queries
                .query(host, type)
                .thenApply(
                    records -> {
                      List<Endpoint> out = new ArrayList<>(records.size());
                      for (Record r : records) {
                        InetAddress a =
                            r instanceof ARecord ar
                                ? ar.getAddress()
                                : ((AAAARecord) r).getAddress();
                        out.add(new Endpoint(kind, new InetSocketAddress(a, port)));
                      }
                      return out;
                    }));
  }

  /** Asks for all of {@code items} at once and joins the answers in the items' order. */
  private static <T> CompletableFuture<List<Endpoint>> concat(
      List<T> items, Function<T, CompletableFuture<List<Endpoint>>> lookup) {
    List<CompletableFuture<List<Endpoint>>> all = items.stream().map(lookup).toList();
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<Endpoint> out = new ArrayList<>();
              for (CompletableFuture<List<Endpoint>> f : all) {
                for (Endpoint e : f.join()) {
                  if (!out.contains(e)) {
                    out.add(e);
                  }
                }
              }
              return out;
            });
  }

  private static Function<List<Endpoint>, CompletableFuture<List<Endpoint>>> orElse(
      java.util.function.Supplier<CompletableFuture<List<Endpoint>>> next) {
    return found -> found.isEmpty() ? next.get() : CompletableFuture.completedFuture(found);
  }

  private static CompletableFuture<List<Endpoint>> none() {
    return CompletableFuture.completedFuture(List.of());
  }

  private static InetAddress literal(String host) {
    try {
      return org.xbill.DNS.Address.getByAddress(host); // parses a literal, never looks up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** How many answers the cache holds now. */
  int cached() {
    return queries.cached();
  }
}
