package io.gust.resolver;

/**
 * A name server's answer to the question could not be parsed: a truncated packet, a compression
 * pointer that loops or points outside the message, a label or name over its length limit, or
 * counts that promise more records than the packet holds.
 */
public final class MalformedDnsResponseException extends HostResolutionException {
  /** A failure for {@code host} with what was wrong with the answer. */
  public MalformedDnsResponseException(String host, String problem) {
    super(host, "malformed DNS answer: " + problem);
  }
}
