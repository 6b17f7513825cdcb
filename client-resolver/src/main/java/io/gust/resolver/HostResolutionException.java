package io.gust.resolver;

import java.net.UnknownHostException;

/**
 * A host name that a resolver of this package could not turn into addresses, and why: the subtype
 * says whether the name does not exist, the servers failed or were silent, the answer was broken,
 * or the resolver refused the lookup. Messages name the host and nothing else of the request.
 */
public abstract sealed class HostResolutionException extends UnknownHostException
    permits HostNotFoundException, DnsServerFailureException, DnsTimeoutException,
    MalformedDnsResponseException, ResolverRejectedException {
  private final String host;

  HostResolutionException(String host, String reason) {
    super(host + ": " + reason);
    this.host = host;
  }

  /** The host name as the caller asked for it. */
  public final String host() {
    return host;
  }
}
