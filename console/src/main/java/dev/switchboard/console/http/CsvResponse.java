package dev.switchboard.console.http;

import dev.switchboard.store.csv.CsvLine;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list answered as a CSV download: a header row, then one formula-safe line per item, CRLF line
 * ends, UTF-8, named {@code <name>.csv}.
 */
public final class CsvResponse<T> {

  private final List<String> headers = new ArrayList<>();
  private final List<Function<T, Object>> cells = new ArrayList<>();

  /** Adds a column; a null cell is empty, an amount is written in plain decimal. */
  public CsvResponse<T> col(String header, Function<T, Object> cell) {
    headers.add(header);
    cells.add(cell);
    return this;
  }

  /** Sends {@code items} as {@code filename}.csv. */
  public void send(Context ctx, String filename, List<T> items) {
    send(ctx, filename, headers, items, this::line);
  }

  private List<String> line(T item) {
    List<String> line = new ArrayList<>(cells.size());
    for (Function<T, Object> c : cells) {
      Object v = c.apply(item);
      line.add(v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString());
    }
    return line;
  }

  /** Sends {@code rows} under {@code header}, each row's cells made by {@code line}. */
  public static <R> void send(
      Context ctx,
      String filename,
      List<String> header,
      List<R> rows,
      Function<R, List<String>> line) {
    StringBuilder out = new StringBuilder(CsvLine.join(header)).append("\r\n");
    for (R r : rows) {
      out.append(CsvLine.join(line.apply(r))).append("\r\n");
    }
    sendText(ctx, filename, out.toString());
  }

  /** Sends CSV text already written. */
  public static void sendText(Context ctx, String filename, String text) {
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"")
        .result(text.getBytes(StandardCharsets.UTF_8));
  }
}
