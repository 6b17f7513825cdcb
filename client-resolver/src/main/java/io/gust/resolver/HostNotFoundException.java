package io.gust.resolver;

import java.net.UnknownHostException;

/**
 * The name does not exist: the name server answered NXDOMAIN (or no address of the asked family)
 * for the name as given and for every search domain tried.
 *
 * <p>This is an answer, not an outage; retrying soon will most likely fail the same way.
 */
public final class HostNotFoundException extends UnknownHostException {
  private final String host;

  /** A failure for {@code host} with a short reason such as "no such name". */
  public HostNotFoundException(String host, String reason) {
    super(host + ": " + reason);
    this.host = host;
  }

  /** The host name as the caller asked for it. */
  public String host() {
    return host;
  }
}
