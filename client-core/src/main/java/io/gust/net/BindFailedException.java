package io.gust.net;

import java.io.IOException;

/**
 * An outgoing socket could not be bound to the requested local address or to any port of the
 * requested range, or the destination had no address of the local address's family. Ends the
 * whole connect: every other attempt would fail the same way.
 */
public final class BindFailedException extends IOException {
  BindFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
