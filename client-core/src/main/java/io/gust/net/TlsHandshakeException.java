package io.gust.net;

import io.gust.client.TlsFailure;
import java.io.IOException;
import java.util.Objects;

/**
 * A TLS handshake failed, or the peer tried to renegotiate; {@link #failure()} says why.
 *
 * <p>The cause, when there is one, is the JDK's exception (usually an {@code
 * SSLHandshakeException} whose own causes carry the certificate problem). The message never
 * contains certificate contents beyond what the JDK's message names.
 */
public final class TlsHandshakeException extends IOException {
  private final TlsFailure failure;

  TlsHandshakeException(TlsFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** What went wrong. */
  public TlsFailure failure() {
    return failure;
  }
}
