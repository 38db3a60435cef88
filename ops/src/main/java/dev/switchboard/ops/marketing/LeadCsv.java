package dev.switchboard.ops.marketing;

import dev.switchboard.store.InvalidValueException;
import dev.switchboard.store.csv.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leads to and from CSV. An import names its columns in a header line (any order; {@link
 * #COLUMNS}), is checked completely first and written only when every line is good (all or
 * nothing), in one transaction; the report lists every bad line with the field and the reason.
 */
public final class LeadCsv {

  /** The columns an import understands; name, channel or campaign, and phone or email needed. */
  public static final List<String> COLUMNS =
      List.of(
          "name",
          "phone",
          "email",
          "company",
          "industry",
          "region",
          "seats",
          "channel",
          "campaign",
          "intent",
          "owner",
          "created_on");

  /** The columns of an export, one lead a line. */
  public static final List<String> EXPORT_COLUMNS =
      List.of(
          "id",
          "name",
          "phone",
          "email",
          "company",
          "industry",
          "region",
          "seats",
          "channel",
          "campaign",
          "intent",
          "owner",
          "status",
          "created_on",
          "valid_on",
          "trial_on",
          "opportunity_on",
          "won_on",
          "lost_on",
          "lost_reason",
          "customer_domain");

  /** Cap on one import, so a mistaken upload cannot fill memory. */
  public static final int MAX_LINES = 200_000;

  private LeadCsv() {}

  /** A line the import refused: its number in the file (header = 1), the field and why. */
  public record LineError(int line, String field, String reason) {}

  /** How an import ended: leads written (0 when any line was bad) and the bad lines. */
  public record Report(int lines, int imported, List<LineError> errors) {}

  /** Hears how far an import is: phase "checking" or "writing", done of total lines. */
  public interface Progress {
    void at(String phase, int done, int total);

    Progress NONE = (phase, done, total) -> {};
  }

  public static Report importCsv(LeadRepository leads, Reader in, String actor, Progress progress) {
    List<String> lines = readLines(in);
    if (lines.isEmpty()) {
      throw new InvalidValueException(null, "the CSV is empty: it needs a header line");
    }
    List<String> header = CsvLine.split(stripBom(lines.get(0)));
    if (header == null) {
      throw new InvalidValueException(null, "the header line's quoting is broken");
    }
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(h)) {
        throw new InvalidValueException(null, "unknown column " + header.get(i) + " in the header");
      }
      if (at.put(h, i) != null) {
        throw new InvalidValueException(null, "column " + h + " appears twice in the header");
      }
    }
    if (!at.containsKey("name")) {
      throw new InvalidValueException(null, "the header needs a name column");
    }
    List<LineError> errors = new ArrayList<>();
    List<LeadDraft> drafts = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    int total = lines.size() - 1;
    for (int n = 1; n < lines.size(); n++) {
      String raw = lines.get(n);
      if (raw.isBlank()) {
        continue;
      }
      List<String> f = CsvLine.split(raw);
      if (f == null) {
        errors.add(new LineError(n + 1, null, "broken quoting"));
        continue;
      }
      if (f.size() != header.size()) {
        errors.add(
            new LineError(n + 1, null, f.size() + " fields where the header has " + header.size()));
        continue;
      }
      try {
        drafts.add(draft(f, at));
        lineNumbers.add(n + 1);
      } catch (InvalidValueException e) {
        errors.add(new LineError(n + 1, e.field(), e.getMessage()));
      }
    }
    progress.at("checking", 0, total);
    leads
        .problems(drafts)
        .forEach(
            (i, e) -> errors.add(new LineError(lineNumbers.get(i), e.field(), e.getMessage())));
    progress.at("checking", total, total);
    if (!errors.isEmpty()) {
      errors.sort(java.util.Comparator.comparingInt(LineError::line));
      return new Report(total, 0, List.copyOf(errors));
    }
    int written =
        leads.createAll(drafts, actor, done -> progress.at("writing", done, drafts.size()));
    return new Report(total, written, List.of());
  }

  private static LeadDraft draft(List<String> f, Map<String, Integer> at) {
    String seats = get(f, at, "seats");
    Integer s = null;
    if (seats != null) {
      try {
        s = Integer.parseInt(seats);
      } catch (NumberFormatException e) {
        throw new InvalidValueException("seats", "seats must be a whole number");
      }
    }
    String intent = get(f, at, "intent");
    if (intent != null
        && (intent.length() != 1 || "ABCD".indexOf(intent.toUpperCase(Locale.ROOT)) < 0)) {
      throw new InvalidValueException("intent", "intent must be A, B, C or D");
    }
    String created = get(f, at, "created_on");
    LocalDate on = null;
    if (created != null) {
      try {
        on = LocalDate.parse(created);
      } catch (DateTimeException e) {
        throw new InvalidValueException("created_on", "created_on must be a date like 2026-03-01");
      }
    }
    return new LeadDraft(
        get(f, at, "name"),
        get(f, at, "phone"),
        get(f, at, "email"),
        get(f, at, "company"),
        get(f, at, "industry"),
        get(f, at, "region"),
        s,
        get(f, at, "channel"),
        get(f, at, "campaign"),
        null,
        intent == null ? null : intent.toUpperCase(Locale.ROOT).charAt(0),
        get(f, at, "owner"),
        on);
  }

  private static String get(List<String> f, Map<String, Integer> at, String column) {
    Integer i = at.get(column);
    if (i == null) {
      return null;
    }
    String v = f.get(i).trim();
    return v.isEmpty() ? null : v;
  }

  private static List<String> readLines(Reader in) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(in)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (lines.size() > MAX_LINES) {
          throw new InvalidValueException(null, "more than " + MAX_LINES + " lines in one import");
        }
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** One export line for {@code l}, in {@link #EXPORT_COLUMNS} order. */
  public static String line(Lead l) {
    List<String> f = new ArrayList<>();
    f.add(Long.toString(l.id()));
    f.add(l.name());
    f.add(l.phone());
    f.add(l.email());
    f.add(l.company());
    f.add(l.industry());
    f.add(l.region());
    f.add(l.seats() == null ? null : l.seats().toString());
    f.add(l.channel());
    f.add(l.campaign());
    f.add(String.valueOf(l.intent()));
    f.add(l.ownerEmail());
    f.add(l.status().wireName());
    for (LocalDate d :
        new LocalDate[] {
          l.createdOn(), l.validOn(), l.trialOn(), l.opportunityOn(), l.wonOn(), l.lostOn()
        }) {
      f.add(d == null ? null : d.toString());
    }
    f.add(l.lostReason());
    f.add(l.tenantDomain());
    return CsvLine.join(f);
  }
}
