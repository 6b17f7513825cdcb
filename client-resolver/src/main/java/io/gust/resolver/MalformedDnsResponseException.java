package io.gust.resolver;

import java.net.UnknownHostException;

/**
 * A name server's answer to the question could not be parsed: a truncated packet, a compression
 * pointer that loops or points outside the message, a label or name over its length limit, or
 * counts that promise more records than the packet holds.
 */
public final class MalformedDnsResponseException extends UnknownHostException {
  private final String host;

  /** A failure for {@code host} with what was wrong with the answer. */
  public MalformedDnsResponseException(String host, String problem) {
    super(host + ": malformed DNS answer: " + problem);
    this.host = host;
  }

  /** The host name as the caller asked for it. */
  public String host() {
    return host;
  }
}
