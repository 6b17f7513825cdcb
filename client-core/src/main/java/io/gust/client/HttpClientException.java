package io.gust.client;

import io.gust.http.Uris;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * The root of every failure Gust's client reports: an {@link IOException} that says in which
 * {@link Phase} the exchange failed and, when the client raised it, for which request.
 *
 * <p>The codec raises these without a request ({@link #request()} is null); the client wraps
 * them in its own instance that names the request and keeps the codec's as the cause. Messages
 * never hold query strings or credentials: render URIs with {@link #safeUri(URI)}.
 */
public class HttpClientException extends IOException {
  /** The failed request, or null when the codec raised this. Not serialized. */
  private final transient HttpRequest request;

  private final Phase phase;

  /** Creates an exception; {@code request} and {@code cause} may be null. */
  public HttpClientException(String message, HttpRequest request, Phase phase, Throwable cause) {
    super(message, cause);
    this.request = request;
    this.phase = Objects.requireNonNull(phase, "phase");
  }

  /** Returns the request that failed, or null when the codec raised this without one. */
  public HttpRequest request() {
    return request;
  }

  /** Returns the phase the exchange was in when it failed. */
  public Phase phase() {
    return phase;
  }

  /**
   * Renders {@code uri} for a message or log line as {@code scheme://host:port/path}: no
   * credentials, query or fragment.
   */
  public static String safeUri(URI uri) {
    return Uris.safe(uri);
  }
}
