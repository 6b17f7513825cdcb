package io.gust.resolver;

/**
 * The resolver refused to start the lookup: it was closed, or its queue of waiting lookups was
 * full. Nothing was asked of any name server.
 */
public final class ResolverRejectedException extends HostResolutionException {
  /** A refusal to look up {@code host}, with the reason. */
  public ResolverRejectedException(String host, String reason) {
    super(host, reason);
  }
}
