package dev.switchboard.server.proxy;

/**
 * Where services outside the proxy plug into it: target determination for our domains and the call
 * events. {@link #NONE} leaves the proxy as RFC 3261 alone makes it.
 */
public record ProxyHooks(TargetResolver resolver, CallObserver observer) {

  public static final ProxyHooks NONE = new ProxyHooks(null, CallObserver.NONE);

  public ProxyHooks {
    observer = observer == null ? CallObserver.NONE : observer;
  }
}
