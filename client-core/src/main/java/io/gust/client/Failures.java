package io.gust.client;

import io.gust.net.BindFailedException;
import io.gust.net.ConnectFailedException;
import io.gust.net.ConnectTimeoutException;
import io.gust.net.TlsHandshakeException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * Turns what the lower layers raise into the client's typed failures, at the boundary where the
 * request and phase are known. Messages carry only {@link HttpClientException#safeUri} forms.
 */
final class Failures {
  private Failures() {}

  /** Maps {@code cause}, raised while {@code request} was in {@code phase}, to a client failure. */
  static HttpClientException forClient(Throwable cause, HttpRequest request, Phase phase) {
    Throwable unwrapped = unwrap(cause);
    if (unwrapped instanceof HttpClientException) {
      HttpClientException typed = (HttpClientException) unwrapped;
      return typed.request() != null ? typed : withRequest(typed, request);
    }
    String target = HttpClientException.safeUri(request.uri());
    if (unwrapped instanceof UnknownHostException) {
      return new HttpConnectException("cannot resolve host of " + target, request, Phase.DNS,
          unwrapped);
    }
    if (unwrapped instanceof BindFailedException) {
      return new LocalBindException("cannot bind the connection to " + target + ": "
          + unwrapped.getMessage(), request, unwrapped);
    }
    if (unwrapped instanceof ConnectFailedException) {
      return new HttpConnectException("cannot connect to " + target, request, Phase.CONNECT,
          unwrapped);
    }
    return new HttpClientException(describe(unwrapped) + " during " + phase + " for " + target,
        request, phase, unwrapped);
  }

  /** A connect timeout, which names the connect phase and the configured timeout. */
  static HttpClientException connectTimeout(ConnectTimeoutException cause, HttpRequest request,
      Duration timeout) {
    FetchTimeoutException error = new FetchTimeoutException(request, Phase.CONNECT, timeout);
    error.addSuppressed(cause);
    return error;
  }

  /**
   * A failed TLS handshake: an {@link HttpTlsException} with the handshake exception (and so its
   * {@link TlsFailure}) as the cause; a handshake timeout becomes a {@link FetchTimeoutException}.
   */
  static HttpClientException tls(TlsHandshakeException cause, HttpRequest request,
      Duration handshakeTimeout) {
    if (cause.failure() == TlsFailure.HANDSHAKE_TIMEOUT) {
      return new FetchTimeoutException(request, Phase.TLS, handshakeTimeout, cause);
    }
    String message = "TLS handshake with " + HttpClientException.safeUri(request.uri())
        + " failed (" + cause.failure() + "): " + describe(cause);
    return new HttpTlsException(message, request, cause);
  }

  private static HttpClientException withRequest(HttpClientException codec, HttpRequest request) {
    String message = codec.getMessage() + " for " + HttpClientException.safeUri(request.uri());
    if (codec instanceof MessageTooLargeException) {
      MessageTooLargeException tooLarge = (MessageTooLargeException) codec;
      return new MessageTooLargeException(tooLarge.limit(), tooLarge.limitValue(), request,
          codec.phase(), codec);
    }
    if (codec instanceof TruncatedBodyException) {
      return new TruncatedBodyException(message, request, codec);
    }
    if (codec instanceof HttpProtocolException) {
      HttpProtocolException protocol = (HttpProtocolException) codec;
      return new HttpProtocolException(protocol.kind(), message, request, codec.phase(), codec);
    }
    return new HttpClientException(message, request, codec.phase(), codec);
  }

  static Throwable unwrap(Throwable cause) {
    Throwable current = cause;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
