package dev.switchboard.console.edge;

import dev.switchboard.console.web.ConsoleSite;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first handler every request meets: refuses a body over its {@link BodyLimit} before anything
 * reads it (by its Content-Length, or as the chunks arrive), and marks API responses as neither to
 * be sniffed nor stored.
 */
public final class EdgeHandler extends Handler.Wrapper {

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = EdgeErrors.path(request);
    if (path == null || ConsoleSite.isApi(path)) {
      apiHeaders(response.getHeaders());
    }
    long limit = BodyLimit.of(request.getMethod(), path);
    if (request.getLength() > limit) {
      Response.writeError(request, response, callback, 413, EdgeErrors.TOO_LARGE);
      return true;
    }
    return super.handle(new Limited(request, limit), response, callback);
  }

  /** Headers every API answer carries, errors included. */
  static void apiHeaders(HttpFields.Mutable headers) {
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Cache-Control", "no-store");
  }

  /** A request whose body fails with 413 once more than {@code limit} bytes have come. */
  private static final class Limited extends Request.Wrapper {
    private final long limit;
    private long read;

    Limited(Request request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (chunk != null && !Content.Chunk.isFailure(chunk)) {
        read += chunk.remaining();
        if (read > limit) {
          chunk.release();
          return Content.Chunk.from(new HttpException.RuntimeException(413, EdgeErrors.TOO_LARGE));
        }
      }
      return chunk;
    }
  }
}
