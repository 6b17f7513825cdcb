package io.gust.resolver;

/**
 * The name does not exist: the name server answered NXDOMAIN (or no address of the asked family)
 * for the name as given and for every search domain tried.
 *
 * <p>This is an answer, not an outage; retrying soon will most likely fail the same way.
 */
public final class HostNotFoundException extends HostResolutionException {
  /** A failure for {@code host} with a short reason such as "no such name". */
  public HostNotFoundException(String host, String reason) {
    super(host, reason);
  }
}
