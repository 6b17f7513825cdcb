package io.gust.client;

import io.gust.loop.Cancellable;
import io.gust.net.ChannelStream;
import io.gust.websocket.DeflateParameters;
import io.gust.websocket.MaskKeys;
import io.gust.websocket.PerMessageDeflate;
import io.gust.websocket.Role;
import io.gust.websocket.WebSocketHandshake;
import io.gust.websocket.WebSocketHandshakeException;
import io.gust.websocket.WebSocketLimits;
import io.gust.websocket.WebSocketReader;
import io.gust.websocket.WebSocketSettings;
import io.gust.websocket.WebSocketWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a client WebSocket: the opening handshake goes out as a fetch (so DNS, connect, proxies,
 * TLS, timeouts, cookies and authentication apply as to any request), and its 101 answer, which
 * takes the connection out of the pool, is checked in full (RFC 6455 §4.1: status, Upgrade,
 * Connection, Sec-WebSocket-Accept, the subprotocol among those offered, permessage-deflate
 * parameters the offer allows) before the {@link ClientWebSocket} starts on it. Any other answer
 * fails the connect future with a {@link WebSocketException} (phase HEADERS) and the connection is
 * released. Results arrive on the loop thread.
 */
final class WebSocketConnect implements FetchCallback {
  private final HttpRequest request;
  private final String key;
  private final WebSocketOptions options;
  /** What the client offered, or null when it offered no compression. */
  private final DeflateParameters offered;
  private final WebSocket.Listener listener;
  private final Connecting future = new Connecting();

  private WebSocketConnect(HttpRequest request, String key, WebSocketOptions options,
      DeflateParameters offered, WebSocket.Listener listener) {
    this.request = request;
    this.key = key;
    this.options = options;
    this.offered = offered;
    this.listener = listener;
  }

  /** Starts the handshake of {@code request} (a GET of an http or https URI) on {@code client}. */
  static CompletableFuture<WebSocket> start(AsyncHttpClient client, HttpRequest request,
      WebSocketOptions options, WebSocket.Listener listener) {
    if (!request.method().equals("GET") || request.body() != null && request.body().contentLength() != 0) {
      throw new IllegalArgumentException("a WebSocket handshake is a GET without a body");
    }
    String key = WebSocketHandshake.newKey();
    DeflateParameters offered = options.compression ? new DeflateParameters(
        options.serverNoContextTakeover, options.clientNoContextTakeover, 15, 15) : null;
    HttpRequest.Builder handshake = request.newBuilder()
        .setHeader("Upgrade", "websocket")
        .setHeader("Connection", "Upgrade")
        .setHeader("Sec-WebSocket-Key", key)
        .setHeader("Sec-WebSocket-Version", "13")
        // The upgrade is HTTP/1.1's (RFC 6455): never on an HTTP/2 connection, whatever the
        // client negotiates for fetches (RFC 8441's extended CONNECT is not spoken).
        .protocols(Protocol.HTTP_1_1);
    if (!options.subprotocols.isEmpty()) {
      handshake.setHeader("Sec-WebSocket-Protocol", WebSocketHandshake.subprotocolOffer(options.subprotocols));
    }
    if (offered != null) {
      handshake.setHeader(PerMessageDeflate.HEADER, PerMessageDeflate.offer(offered));
    }
    HttpRequest built = handshake.build();
    WebSocketConnect connect = new WebSocketConnect(built, key, options, offered, listener);
    connect.future.call = client.submitWebSocket(built, connect);
    return connect.future;
  }

  @Override
  public void onResponse(HttpResponse response) {
    future.call = null; // the fetch ended: an open WebSocket holds no reference to it
    ChannelStream stream = response.upgrade == null ? null : response.upgrade.take();
    if (stream == null) {
      fail(new WebSocketException(response.code() != 101 ? "the server answered "
          + response.code() + " instead of 101 Switching Protocols"
          : "the connection of the 101 answer was closed before the WebSocket could take it",
          request, Phase.HEADERS, 0, null));
      return;
    }
    if (future.isDone()) {
      stream.close(); // cancelled as the answer came
      return;
    }
    String subprotocol;
    DeflateParameters agreed;
    try {
      WebSocketHandshake.checkResponse(response.code(), response.headers(), key);
      subprotocol = WebSocketHandshake.checkSubprotocol(options.subprotocols,
          response.headers().values("Sec-WebSocket-Protocol"));
      agreed = PerMessageDeflate.accept(offered, response.headers().values(PerMessageDeflate.HEADER));
    } catch (WebSocketHandshakeException e) {
      stream.close();
      fail(new WebSocketException("invalid WebSocket handshake answer: " + e.getMessage(), request,
          Phase.HEADERS, 0, e));
      return;
    }
    ClientWebSocket webSocket = new ClientWebSocket(stream, response, subprotocol,
        new WebSocketReader(Role.CLIENT,
            new WebSocketLimits(options.maxMessageBytes, options.maxMessageBytes), agreed),
        new WebSocketWriter(Role.CLIENT, agreed, options.compressionThresholdBytes,
            new MaskKeys(8)),
        agreed != null, WebSocketSettings.of(options, Duration.ZERO), listener);
    webSocket.open();
    future.complete(webSocket);
  }

  @Override
  public void onFailure(HttpRequest failed, HttpClientException error) {
    fail(error);
  }

  private void fail(HttpClientException error) {
    future.call = null;
    future.completeExceptionally(error);
  }

  /** The connect future: cancelling it cancels the handshake's fetch. */
  private static final class Connecting extends CompletableFuture<WebSocket> {
    private volatile Cancellable call;

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Cancellable running = call;
      if (cancelled && running != null) {
        running.cancel();
      }
      return cancelled;
    }
  }
}
