package io.gust.resolver;

/**
 * No name server answered the question in time, after every attempt on every server.
 *
 * <p>The name servers may be down, unreachable or dropping the queries; the name itself may be
 * fine.
 */
public final class DnsTimeoutException extends HostResolutionException {
  /** A failure for {@code host} after {@code attempts} unanswered queries. */
  public DnsTimeoutException(String host, int attempts) {
    super(host, "no answer from the name servers after " + attempts + " attempt(s)");
  }
}
