package dev.switchboard.console.http;

import dev.switchboard.store.InvalidValueException;
import io.javalin.http.Context;

/** A numeric id in the path: anything but a whole number is a 400 naming the parameter. */
public final class PathId {

  private PathId() {}

  /** The path parameter {@code name} as a number. */
  public static long of(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw new InvalidValueException(name, name + " must be a number");
    }
  }

  /** The path parameter {@code id} as a number. */
  public static long of(Context ctx) {
    return of(ctx, "id");
  }
}
