package io.gust.client;

import io.gust.http.Http1Writer;
import io.gust.http.ResponseHead;
import io.gust.http.ResponseHeadParser;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.ReadBufferOverflowException;
import io.gust.net.TcpConnection;
import io.gust.net.TlsHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okio.Buffer;
import okio.ByteString;

/**
 * The HTTP proxy step of a {@link ConnectionSetup}, from a TCP connection to the proxy to a stream
 * ready for the request: TLS to an HTTPS proxy; then, for an https request or an upgrade (a
 * WebSocket handshake), a {@code CONNECT} tunnel to the origin (TLS with the origin is the
 * set-up's next step), answering a 407 through the proxy authenticator on a fresh connection, a
 * bounded number of times. Loop-confined.
 *
 * <p>{@link #result} completes with the stream, or fails with a {@link ProxyException} (or a
 * handshake timeout); cancelling it (the connection closed: deadline, cancel, failure) closes
 * whatever stream or step is in progress, and every late continuation only closes what it
 * brought.
 */
final class ProxyTunnel {
  /** CONNECT rounds at most: the first and two answers to 407s. */
  static final int MAX_ROUNDS = 3;
  private static final ByteString HEAD_END = ByteString.encodeUtf8("\r\n\r\n");

  final CompletableFuture<ChannelStream> result = new CompletableFuture<>();
  private final Exchange exchange;
  private final HttpRequest request;
  private final Proxy proxy;
  private final ClientContext context;
  private final EventLoop loop;
  /** A fresh TCP connection to the proxy, within what the connect deadline leaves. */
  private final Supplier<CompletableFuture<TcpConnection>> reconnect;
  /** The stream to the proxy being worked on, or the step opening it; null in between. */
  private ChannelStream stream;
  private CompletableFuture<?> step;
  /** The Proxy-Authorization value for the next CONNECT, or null. */
  private String credentials;
  private int rounds;

  ProxyTunnel(Exchange exchange, Proxy proxy,
      Supplier<CompletableFuture<TcpConnection>> reconnect) {
    this.exchange = exchange;
    this.request = exchange.request;
    this.proxy = proxy;
    this.context = exchange.context;
    this.loop = context.loop;
    this.reconnect = reconnect;
    this.credentials = proxy.hasCredentials()
        ? BasicAuth.encode(proxy.user(), proxy.password()) : null;
    result.whenComplete((ignored, error) -> {
      if (result.isCancelled()) {
        closeCurrent();
      }
    });
  }

  /** Starts on {@code tcp}, a connection to the proxy that this tunnel now owns. */
  void start(TcpConnection tcp) {
    if (proxy.type() != Proxy.Type.HTTPS) {
      opened(tcp.openStream(), null);
      return;
    }
    CompletableFuture<ChannelStream> handshaking = tcp.openTlsStream(context.proxyTls(),
        proxy.host());
    step = handshaking;
    handshaking.whenComplete((tls, error) -> exchange.onLoop(() -> opened(tls, error)));
  }

  /** The stream to the proxy is open (after TLS to an HTTPS proxy). */
  private void opened(ChannelStream proxyStream, Throwable error) {
    step = null;
    if (result.isDone()) {
      closeQuietly(proxyStream);
      return;
    }
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof TlsHandshakeException) {
      fail(Failures.tls((TlsHandshakeException) cause, request,
          context.proxyTls().handshakeTimeout()), "TLS with the proxy failed", 0);
      return;
    }
    if (cause != null) {
      fail(cause, "cannot talk to the proxy", 0);
      return;
    }
    stream = proxyStream;
    if (exchange.connection.host.origin.isTunnelled()) {
      sendConnect();
    } else {
      handOver();
    }
  }

  private void sendConnect() {
    rounds++;
    Buffer head = new Buffer();
    String authority = ProxyHeads.connectAuthority(request);
    Http1Writer.writeRequestLine(head, "CONNECT", authority);
    Http1Writer.writeField(head, "Host", authority);
    if (context.config.userAgent != null) {
      Http1Writer.writeField(head, "User-Agent", context.config.userAgent);
    }
    if (credentials != null) {
      Http1Writer.writeField(head, ProxyHeads.AUTHORIZATION, credentials);
    }
    head.writeUtf8("\r\n");
    stream.write(head);
    CompletableFuture<Buffer> reading =
        stream.readUntil(HEAD_END, context.limits().maxHeadBytes());
    reading.whenComplete((bytes, error) -> exchange.onLoop(() -> answered(bytes, error)));
  }

  /** The proxy answered the CONNECT (or failed to). */
  private void answered(Buffer bytes, Throwable error) {
    if (result.isDone()) {
      return;
    }
    if (error != null) {
      Throwable cause = Failures.unwrap(error);
      fail(cause, cause instanceof ReadBufferOverflowException
          ? "the proxy's answer to CONNECT is too large"
          : "the proxy closed the tunnel before answering CONNECT", 0);
      return;
    }
    ResponseHead head;
    try {
      head = new ResponseHeadParser(context.limits()).parse(bytes);
    } catch (HttpProtocolException e) {
      fail(e, "the proxy's answer to CONNECT is not HTTP", 0);
      return;
    }
    if (head == null) {
      fail(null, "the proxy's answer to CONNECT is not HTTP", 0);
    } else if (head.code() / 100 == 2) {
      if (stream.bufferedBytes() > 0) {
        fail(null, "the proxy sent bytes after accepting CONNECT", head.code());
      } else {
        handOver();
      }
    } else if (head.code() == 407 && rounds < MAX_ROUNDS && authenticator() != null) {
      closeCurrent();
      authenticate(head, authenticator());
    } else {
      fail(null, "CONNECT tunnel failed, response " + head.code(), head.code());
    }
  }

  /** Who answers a 407: the client's proxy authenticator, else the proxy's credentials; or null. */
  private Authenticator authenticator() {
    Authenticator authenticator = context.config.proxyAuthenticator;
    if (authenticator == null && proxy.hasCredentials()) {
      authenticator = Authenticator.credentials(proxy.user(), proxy.password());
    }
    return authenticator;
  }

  /** Asks {@code authenticator} to answer a 407; a fresh connection carries the answer. */
  private void authenticate(ResponseHead head, Authenticator authenticator) {
    HttpResponse challenged = HttpResponse.newBuilder().head(head).request(request).build();
    List<AuthChallenge> challenges =
        AuthChallenge.parseAll(head.headers(), "Proxy-Authenticate");
    CompletableFuture<HttpRequest> answer;
    try {
      answer = authenticator.authenticate(challenged, challenges, rounds).toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    step = answer;
    answer.whenComplete((next, error) -> exchange.onLoop(() -> authenticated(head, next, error)));
  }

  private void authenticated(ResponseHead head, HttpRequest next, Throwable error) {
    step = null;
    if (result.isDone()) {
      return;
    }
    String value = next == null ? null : next.headers().get(ProxyHeads.AUTHORIZATION);
    if (error != null || value == null) {
      fail(Failures.unwrap(error), "CONNECT tunnel failed, response " + head.code(), head.code());
      return;
    }
    credentials = value;
    CompletableFuture<TcpConnection> connecting = reconnect.get();
    step = connecting;
    connecting.whenComplete((tcp, failure) -> exchange.onLoop(() -> reconnected(tcp, failure)));
  }

  private void reconnected(TcpConnection tcp, Throwable error) {
    step = null;
    if (result.isDone()) {
      if (tcp != null) {
        tcp.openStream().close();
      }
      return;
    }
    if (error != null) {
      fail(Failures.unwrap(error), "cannot reconnect to the proxy", 0);
      return;
    }
    start(tcp);
  }

  private void handOver() {
    ChannelStream ready = stream;
    stream = null;
    if (!result.complete(ready)) {
      ready.close();
    }
  }

  /** Fails the step: the cause as it is when already typed for the client, else a ProxyException. */
  private void fail(Throwable cause, String message, int statusCode) {
    closeCurrent();
    Throwable error = cause instanceof FetchTimeoutException ? cause
        : ProxyFailures.proxy(message, request, proxy, statusCode, cause);
    result.completeExceptionally(error);
  }

  private void closeCurrent() {
    if (step != null) {
      step.cancel(false);
      step = null;
    }
    closeQuietly(stream);
    stream = null;
  }

  private static void closeQuietly(ChannelStream stream) {
    if (stream != null) {
      stream.close();
    }
  }
}
