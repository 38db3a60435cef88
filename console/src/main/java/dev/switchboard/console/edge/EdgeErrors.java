package dev.switchboard.console.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.console.web.ConsoleSite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to what Jetty refuses before a route runs (a malformed URI, an overlong request line
 * or header, a body over its limit): the API's JSON error under {@code /api} and {@code /health},
 * the console's short page elsewhere; never Jetty's own page.
 */
public final class EdgeErrors extends ErrorHandler {

  static final String TOO_LARGE = "request body too large";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String path = path(request);
    boolean json = path != null ? ConsoleSite.isApi(path) : !acceptsHtml(request);
    HttpFields.Mutable headers = response.getHeaders();
    byte[] body;
    if (json) {
      headers.put(HttpHeader.CONTENT_TYPE, "application/json");
      EdgeHandler.apiHeaders(headers);
      body = json(code, message);
    } else {
      headers.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
      headers.put("Content-Security-Policy", ConsoleSite.CONTENT_SECURITY_POLICY);
      body = ConsoleSite.errorPageHtml(code).getBytes(StandardCharsets.UTF_8);
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Used when Jetty cannot even build a request from what arrived. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    EdgeHandler.apiHeaders(fields);
    return ByteBuffer.wrap(json(status, reason));
  }

  /** {"error", "field": null}, with a message of ours rather than Jetty's wording. */
  static byte[] json(int code, String reason) {
    String error =
        switch (code) {
          case 400 -> "malformed request" + (reason == null ? "" : ": " + reason);
          case 413 -> TOO_LARGE;
          case 414 -> "request URI too long";
          case 431 -> "request headers too large";
          default -> {
            String standard = HttpStatus.getMessage(code);
            yield standard == null ? "error " + code : standard.toLowerCase(java.util.Locale.ROOT);
          }
        };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("field", null);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The request's decoded path, or null when the URI could not be read as one: Jetty names a
   * request it could not parse {@code /badMessage}, and then only the Accept header is left to go
   * by (a browser asks for HTML, an API client does not).
   */
  static String path(Request request) {
    try {
      String path = request.getHttpURI() == null ? null : request.getHttpURI().getDecodedPath();
      return "/badMessage".equals(path) ? null : path;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean acceptsHtml(Request request) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return accept != null && accept.contains("text/html");
  }
}
