package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.net.TcpConnector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** The client's immutable settings, as the builder left them. Shared by every loop partition. */
final class ClientConfig {
  final Resolver resolver;
  /** The address families new connections may use, unless a request says otherwise. */
  final AddressFamily addressFamily;
  final ConnectTo connectTo;
  final TcpConnector connector;
  final int maxConnections;
  final int maxConnectionsPerHost;
  final Duration idleTimeout;
  final Duration connectTimeout;
  final Duration requestTimeout;
  /** Zero when off. */
  final Duration readTimeout;
  final boolean followRedirects;
  final int maxRedirects;
  final boolean decompress;
  /** What Accept-Encoding asks for and which codings are decoded, when decompressing. */
  final ContentCodings contentCodings;
  /** Null when none is sent. */
  final String userAgent;
  final boolean raiseError;
  /** Null: callbacks run on the loop thread. */
  final Executor callbackExecutor;
  final CodecLimits limits;
  /** Reads request body files off the loop. */
  final Executor fileExecutor;
  /**
   * How https connections speak TLS. The defaults are made here, on the thread building the
   * client, because they load the JDK's trust store from disk: never on a loop (the JDK caches
   * them, so only the first client of a JVM pays).
   */
  final TlsOptions tls;
  /** TLS with an HTTPS proxy, offering only http/1.1. */
  final TlsOptions proxyTls;
  /** Fields every request gets unless it sets a field of the same name. */
  final Headers defaultHeaders;
  /** Run once per call, in order. */
  final List<Interceptor> interceptors;
  /** Run once per network attempt (each redirect hop and retry), in order. */
  final List<Interceptor> networkInterceptors;
  /** Answers 401s unless a request has its own; null for none. */
  final Authenticator authenticator;
  /** Answers 407s from a proxy (for a CONNECT too); null for none. */
  final Authenticator proxyAuthenticator;
  /** Where cookies are kept; null for none. */
  final CookieJar cookieJar;
  /** Creates each call's event listener; {@link ListenerCalls#NO_FACTORY} when none was set. */
  final EventListener.Factory eventListenerFactory;
  /** The proxy (or proxy rule) unless a request says otherwise. */
  final Proxy proxy;
  /** The HTTP versions connections may speak. */
  final HttpVersions versions;

  ClientConfig(AsyncHttpClient.Builder b, Executor fileExecutor) {
    this.resolver = b.resolver;
    this.addressFamily = b.addressFamily;
    this.connectTo = new ConnectTo(b.connectTo);
    this.connector = TcpConnector.builder().sourceAddress(b.sourceAddress).build();
    this.maxConnections = b.maxConnections;
    this.maxConnectionsPerHost = b.maxConnectionsPerHost;
    this.idleTimeout = b.idleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.readTimeout = b.readTimeout;
    this.followRedirects = b.followRedirects;
    this.maxRedirects = b.maxRedirects;
    this.decompress = b.decompress;
    this.contentCodings = b.contentCodings;
    this.userAgent = b.userAgent;
    this.raiseError = b.raiseError;
    this.callbackExecutor = b.callbackExecutor;
    this.limits = CodecLimits.CLIENT.withMaxHeadBytes(b.maxHeaderBytes)
        .withMaxBodyBytes(b.maxBodyBytes);
    this.fileExecutor = fileExecutor;
    this.versions = new HttpVersions(b.protocols);
    this.tls = versions.offer(b.tls != null ? b.tls : TlsOptions.defaults());
    this.proxyTls = (b.proxyTls != null ? b.proxyTls : tls).http1Only();
    this.defaultHeaders = b.defaultHeaders.build();
    this.interceptors = List.copyOf(b.interceptors);
    this.networkInterceptors = List.copyOf(b.networkInterceptors);
    this.authenticator = b.authenticator;
    this.proxyAuthenticator = b.proxyAuthenticator;
    this.cookieJar = b.cookieJar;
    this.eventListenerFactory = b.eventListenerFactory;
    this.proxy = b.proxy;
  }

  /** {@code request} with the default fields it does not set itself; itself when none is missing. */
  HttpRequest withDefaultHeaders(HttpRequest request) {
    int count = defaultHeaders.size();
    if (count == 0) {
      return request;
    }
    Headers own = request.headers();
    HttpRequest.Builder merged = null;
    for (int i = 0; i < count; i++) {
      String name = defaultHeaders.name(i);
      if (own.get(name) == null) {
        if (merged == null) {
          merged = request.newBuilder();
        }
        merged.header(name, defaultHeaders.value(i));
      }
    }
    return merged == null ? request : merged.build();
  }

  /** The request's own timeout, else the client's. */
  Duration requestTimeout(HttpRequest request) {
    return orDefault(request.requestTimeout(), requestTimeout);
  }

  Duration connectTimeout(HttpRequest request) {
    return orDefault(request.connectTimeout(), connectTimeout);
  }

  /** Zero or null when off. */
  Duration readTimeout(HttpRequest request) {
    return orDefault(request.readTimeout(), readTimeout);
  }

  /** The families the request's connections may use: its own choice, else the client's. */
  AddressFamily addressFamily(HttpRequest request) {
    return orDefault(request.addressFamily(), addressFamily);
  }

  /** The HTTP versions {@code request} may be sent over: its own, else the client's. */
  HttpVersions versions(HttpRequest request) {
    return orDefault(request.versions(), versions);
  }

  /** The proxy for {@code request}: its own choice, else the client's, a rule applied. */
  Proxy proxy(HttpRequest request) {
    return orDefault(request.proxy(), proxy).forUri(request.uri());
  }

  /** Whether to ask for and decode compressed bodies: not when the caller set Accept-Encoding. */
  boolean decompress(HttpRequest request) {
    return orDefault(request.decompress(), decompress)
        && request.headers().get("Accept-Encoding") == null;
  }

  /** Whether the request's head goes out alone first, with Expect: 100-continue. */
  static boolean expectContinue(HttpRequest request) {
    return Boolean.TRUE.equals(request.expectContinue()) && request.body() != null;
  }

  boolean followRedirects(HttpRequest request) {
    return orDefault(request.followRedirects(), followRedirects);
  }

  int maxRedirects(HttpRequest request) {
    return orDefault(request.maxRedirects(), maxRedirects);
  }

  boolean raiseError(HttpRequest request) {
    return orDefault(request.raiseError(), raiseError);
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** This loop's share of {@code total}: an even split, the remainder to the first loops, at least 1. */
  static int share(int total, int loopCount, int loopIndex) {
    int base = total / loopCount;
    int extra = loopIndex < total % loopCount ? 1 : 0;
    return Math.max(1, base + extra);
  }
}
