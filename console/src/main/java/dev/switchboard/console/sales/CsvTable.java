package dev.switchboard.console.sales;

import dev.switchboard.store.csv.CsvLine;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A list as CSV: a header row, then one formula-safe line per item. */
final class CsvTable<T> {

  private final List<String> headers = new ArrayList<>();
  private final List<Function<T, Object>> cells = new ArrayList<>();

  CsvTable<T> col(String header, Function<T, Object> cell) {
    headers.add(header);
    cells.add(cell);
    return this;
  }

  void send(Context ctx, String filename, List<T> items) {
    StringBuilder out = new StringBuilder(CsvLine.join(headers)).append("\r\n");
    for (T item : items) {
      List<String> line = new ArrayList<>(cells.size());
      for (Function<T, Object> c : cells) {
        Object v = c.apply(item);
        line.add(
            v == null
                ? ""
                : v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString());
      }
      out.append(CsvLine.join(line)).append("\r\n");
    }
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"")
        .result(out.toString());
  }
}
