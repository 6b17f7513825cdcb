package io.gust.resolver;

import java.net.UnknownHostException;

/**
 * The resolver refused to start the lookup: it was closed, or its queue of waiting lookups was
 * full. Nothing was asked of any name server.
 */
public final class ResolverRejectedException extends UnknownHostException {
  private final String host;

  /** A refusal to look up {@code host}, with the reason. */
  public ResolverRejectedException(String host, String reason) {
    super(host + ": " + reason);
    this.host = host;
  }

  /** The host name as the caller asked for it. */
  public String host() {
    return host;
  }
}
