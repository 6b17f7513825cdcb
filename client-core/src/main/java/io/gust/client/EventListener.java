package io.gust.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Hears the steps of one call as they happen: queueing, DNS, each connect attempt, TLS, the
 * request and response, the connection's reuse and release, cancellation, and the end. A {@link
 * Factory} set with {@link AsyncHttpClient.Builder#eventListenerFactory} creates one listener per
 * call, so a listener may keep per-call state in plain fields.
 *
 * <p>Every event runs on the loop thread that carries the call, in order, and must not block
 * (the watchdog names a slow listener like any other task). Every method does nothing by
 * default. An exception a listener throws is logged and dropped: it never fails the call or
 * reaches the loop.
 *
 * <p>Events after {@link #callStart} carry the attempt they belong to: 0 for the first network
 * attempt, then one more for each redirect hop and each retry ({@link #attemptStart} says which).
 * Each attempt ends with {@link #attemptEnd} or {@link #attemptFailed}; the call ends with {@link
 * #callEnd} or {@link #callFailed}, exactly once. With application interceptors, each {@code
 * proceed} is a call of its own, with a listener of its own.
 */
public interface EventListener {
  /** The listener of a client that has none: it ignores every event. */
  EventListener NONE = new EventListener() { };

  /**
   * Creates the listener of each call; runs on the thread that calls {@code fetch}, so that it may
   * capture that thread's context (a trace's current span). Must not block.
   */
  @FunctionalInterface
  interface Factory {
    /** The listener for a call of {@code request} (the caller's request); never null. */
    EventListener create(HttpRequest request);

    /**
     * A factory whose listeners tell the listeners of each of {@code factories} every event, in
     * this order (metrics and traces at once, say); one that throws does not keep an event from
     * the others.
     */
    static Factory all(Factory... factories) {
      return ListenerFanOut.of(factories);
    }
  }

  /** Why a network attempt was made. */
  enum AttemptReason {
    /** The call's first attempt. */
    FIRST,
    /** A hop after a redirect response. */
    REDIRECT,
    /** A repeat, on a fresh connection, after a reused one failed before any response byte. */
    RETRY
  }

  /** What a cancellation (or the client's close) did to the call's attempt in progress. */
  enum CancelEffect {
    /** The attempt's connection was closed (an HTTP/1.1 exchange cannot be stopped otherwise). */
    CONNECTION_CLOSED,
    /** The attempt's stream was reset; its connection stays open for others. */
    STREAM_RESET,
    /** The request was waiting for a connection and left the queue. */
    QUEUED_REQUEST_DROPPED,
    /** No attempt was in progress (the call had not started, or its response was complete). */
    NOTHING
  }

  /** Adds fields to a request head as it is written. */
  @FunctionalInterface
  interface HeadFields {
    /** Adds the field {@code name: value}; both must be valid field text. */
    void add(String name, String value);
  }

  /** The call begins, before any attempt. */
  default void callStart(HttpRequest request) {
  }

  /** A network attempt of {@code request} begins: the first, a redirect hop or a retry. */
  default void attemptStart(int attempt, HttpRequest request, AttemptReason reason) {
  }

  /** No connection was free: the attempt waits in the client's queue. */
  default void queued(int attempt) {
  }

  /** The attempt left the queue for a connection. */
  default void dequeued(int attempt) {
  }

  /**
   * The attempt holds a connection: an idle pooled one ({@code reused}) or a new one about to
   * be opened (DNS, connect and TLS events follow).
   */
  default void connectionAcquired(int attempt, boolean reused) {
  }

  default void dnsStart(int attempt, String host) {
  }

  /** The lookup of {@code host} answered; a failed lookup ends the attempt instead. */
  default void dnsEnd(int attempt, String host, List<InetSocketAddress> addresses) {
  }

  /** A TCP connect to {@code address} begins; Happy Eyeballs may run several at once. */
  default void connectStart(int attempt, InetSocketAddress address) {
  }

  /** The connect to {@code address} succeeded: it carries the attempt. */
  default void connectEnd(int attempt, InetSocketAddress address) {
  }

  /**
   * The connect to {@code address} failed, or was abandoned because another address won, the
   * connect timeout passed or the attempt ended.
   */
  default void connectFailed(int attempt, InetSocketAddress address, IOException cause) {
  }

  /** The handshake with the proxy at {@code proxy} begins (CONNECT, SOCKS). */
  default void proxyHandshakeStart(int attempt, InetSocketAddress proxy) {
  }

  /** The proxy at {@code proxy} opened the tunnel. */
  default void proxyHandshakeEnd(int attempt, InetSocketAddress proxy) {
  }

  /** The TLS handshake with {@code host} begins. */
  default void tlsStart(int attempt, String host) {
  }

  /** The TLS handshake with {@code host} succeeded. */
  default void tlsEnd(int attempt, String host) {
  }

  /**
   * The head of {@code request} is being written; fields given to {@code fields} go out with
   * it, on this attempt only (for trace context propagation). {@code fields} is valid only
   * during this call.
   */
  default void requestHeadStart(int attempt, HttpRequest request, HeadFields fields) {
  }

  /** The request head was handed to the connection. */
  default void requestHeadSent(int attempt) {
  }

  /** The request's body, {@code byteCount} bytes, reached the socket; not told without body. */
  default void requestBodySent(int attempt, long byteCount) {
  }

  /** The final (non-1xx) response head arrived with status {@code code}. */
  default void responseHeadReceived(int attempt, int code) {
  }

  /** The whole response body arrived: {@code byteCount} bytes after content decoding. */
  default void responseBodyReceived(int attempt, long byteCount) {
  }

  /** The attempt gave its connection back: to the pool ({@code keptAlive}) or closed. */
  default void connectionReleased(int attempt, boolean keptAlive) {
  }

  /** The attempt ended with {@code response}, which a redirect may follow. */
  default void attemptEnd(int attempt, HttpResponse response) {
  }

  /** The attempt failed; a retry may follow. */
  default void attemptFailed(int attempt, HttpClientException error) {
  }

  /**
   * The call was cancelled (or its client closed): {@code effect} says what that did to the
   * attempt in progress, and {@code discardedBytes} how many response body bytes it had
   * received that were thrown away. {@link #callFailed} follows.
   */
  default void cancelled(int attempt, CancelEffect effect, long discardedBytes) {
  }

  /** The call delivered {@code response}. */
  default void callEnd(HttpResponse response) {
  }

  /** The call failed with {@code error}. */
  default void callFailed(HttpClientException error) {
  }
}
