package io.gust.server;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import io.gust.client.TlsInfo;
import io.gust.loop.EventLoop;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import okio.ByteString;

/**
 * A request as the server received it: request line, header fields, the whole body, the groups
 * its route pattern captured, and the peer's address. Immutable, except that {@link #clientGone()}
 * completes when the client goes away; safe to hand to other threads.
 */
public final class Request {
  private final String method;
  private final String target;
  private final Protocol protocol;
  private final Headers headers;
  private final ByteString body;
  private final List<String> pathGroups;
  private final InetSocketAddress remoteAddress;
  private final EventLoop loop;
  /** Null on a plain connection. */
  private final TlsInfo tls;
  private final int pathStart;
  private final int queryStart;
  private Map<String, List<String>> queryParameters;
  private static final AtomicReferenceFieldUpdater<Request, CompletableFuture> GONE =
      AtomicReferenceFieldUpdater.newUpdater(Request.class, CompletableFuture.class, "gone");
  /**
   * Completed by the connection's loop when the client went away before the answer; created on
   * first use, so that a request nobody asks about costs no future.
   */
  private volatile CompletableFuture<Void> gone;

  Request(String method, String target, Protocol protocol, Headers headers, ByteString body,
      List<String> pathGroups, InetSocketAddress remoteAddress, EventLoop loop, TlsInfo tls) {
    this.method = method;
    this.target = target;
    this.protocol = protocol;
    this.headers = headers;
    this.body = body;
    this.pathGroups = pathGroups;
    this.remoteAddress = remoteAddress;
    this.loop = loop;
    this.tls = tls;
    this.pathStart = pathStart(target);
    this.queryStart = target.indexOf('?');
  }

  /** Where the path begins: 0 for origin-form, after the authority for absolute-form. */
  static int pathStart(String target) {
    if (target.startsWith("/")) {
      return 0;
    }
    int scheme = target.indexOf("://");
    if (scheme < 0) {
      return 0;
    }
    int slash = target.indexOf('/', scheme + 3);
    return slash < 0 ? target.length() : slash;
  }

  /** The path of {@code target} without scheme, authority or query. */
  static String pathOf(String target) {
    int start = pathStart(target);
    int query = target.indexOf('?', start);
    String path = target.substring(start, query < 0 ? target.length() : query);
    return path.isEmpty() ? "/" : path;
  }

  /** The method token as received, such as {@code GET}. */
  public String method() {
    return method;
  }

  /** The request target as received: path and query. */
  public String target() {
    return target;
  }

  /** The path of the target, still percent-encoded; absolute-form loses scheme and authority. */
  public String path() {
    return pathOf(target);
  }

  /** The raw query after {@code ?}, or null when there is none. */
  public String query() {
    return queryStart < 0 ? null : target.substring(queryStart + 1);
  }

  /** Every query parameter, decoded, in order of appearance. */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> result = queryParameters;
    if (result == null) {
      result = parseQuery(query());
      queryParameters = result;
    }
    return result;
  }

  /** The first value of query parameter {@code name}, or null. */
  public String queryParameter(String name) {
    List<String> values = queryParameters().get(name);
    return values == null ? null : values.get(0);
  }

  /** The HTTP version: that of the request line, or {@code HTTP_2} for a request on a stream. */
  public Protocol protocol() {
    return protocol;
  }

  /** The header fields in the order received. */
  public Headers headers() {
    return headers;
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body, de-chunked; empty when the request had none. */
  public ByteString body() {
    return body;
  }

  /** The body decoded as UTF-8. */
  public String bodyString() {
    return body.utf8();
  }

  /** The groups the route's regular expression captured, group 1 first; empty for other routes. */
  public List<String> pathGroups() {
    return pathGroups;
  }

  /** Captured group {@code number}, counting from 1 as {@link java.util.regex.Matcher} does. */
  public String pathGroup(int number) {
    return pathGroups.get(number - 1);
  }

  /** The client's address. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The loop that owns the connection; asynchronous handlers may schedule timers on it. */
  public EventLoop loop() {
    return loop;
  }

  /**
   * What the TLS handshake of this request's connection negotiated (protocol version, cipher
   * suite, the client's certificates when it sent some); null on a plain HTTP connection.
   */
  public TlsInfo tlsInfo() {
    return tls;
  }

  /**
   * A future that completes, on the connection's loop thread, when the client goes away before
   * the answer to this request was written: it ended its output (a half close, or a whole close
   * the server cannot tell from one), or the connection failed or was closed. It never completes
   * once the answer was written. Each call returns a new future; cancelling it changes nothing
   * else. Stages that depend on it without an executor run on the loop and must not block.
   *
   * <p>An asynchronous handler can stop its work then, or still answer: a client that only
   * half-closed reads the answer. The server cancels the stage the handler returned, when that
   * stage is a {@code CompletableFuture} still pending, once the connection itself ends (a reset
   * or failure, no answer within the idle timeout after the end of input, or shutdown); see
   * {@link AsyncHandler}.
   */
  public CompletableFuture<Void> clientGone() {
    return goneFuture().copy();
  }

  /** The client went away before the answer; completes {@link #clientGone()}. Loop thread. */
  void markClientGone() {
    goneFuture().complete(null);
  }

  private CompletableFuture<Void> goneFuture() {
    CompletableFuture<Void> future = gone;
    if (future == null) {
      GONE.compareAndSet(this, null, new CompletableFuture<Void>());
      future = gone;
    }
    return future;
  }

  /** The request line; the target may hold a query, so mind where it is logged. */
  @Override
  public String toString() {
    return method + " " + target + " " + protocol;
  }

  private static Map<String, List<String>> parseQuery(String query) {
    if (query == null || query.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      result.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }
    return Collections.unmodifiableMap(result);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
