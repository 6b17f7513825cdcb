package io.gust.client;

import io.gust.http.Uris;

/**
 * The exchange was abandoned before it completed: it was cancelled, or the client was closed
 * while it was queued or in flight. The phase says how far it had got. A callback receives it in
 * {@code onFailure}; a future completes as cancelled, with this as the cause of its {@link
 * java.util.concurrent.CancellationException}.
 */
public final class RequestCancelledException extends HttpClientException {
  private final boolean clientClosed;

  /** Creates the error; {@code clientClosed} tells a client shutdown from a cancellation. */
  public RequestCancelledException(HttpRequest request, Phase phase, boolean clientClosed) {
    super((clientClosed ? "client closed" : "request cancelled") + " during " + phase
        + (request == null ? "" : " for " + Uris.safe(request.uri())), request, phase, null);
    this.clientClosed = clientClosed;
  }

  /** Whether closing the client, rather than cancelling this request, ended it. */
  public boolean isClientClosed() {
    return clientClosed;
  }
}
