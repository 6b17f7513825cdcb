package io.gust.client;

import io.gust.client.EventListener.AttemptReason;
import io.gust.client.EventListener.CancelEffect;
import io.gust.client.ListenerCalls.Kind;
import io.gust.loop.EventLoop;
import io.gust.net.ConnectObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * One fetch's events: the fetch, its exchanges and their connection set-up report each step
 * here, which gathers the {@link Timings} of the response from them and passes them on to the
 * call's {@link EventListener} (through {@link ListenerCalls}, which contains its failures). One
 * per fetch, so a fetch with no listener costs no object more than its timings did. Times are
 * the loop clock's nanoseconds. Loop-confined, written only through these methods.
 */
final class TimingRecorder extends ListenerCalls implements ConnectObserver {
  private final EventLoop loop;
  private final long startNanos;
  /**
   * The wall-clock time of the call to fetch, in nanoseconds since the epoch: a long rather than
   * an Instant, so that no Instant is allocated per fetch (the one of now() is scalar-replaced).
   */
  private final long startEpochNanos;
  private long queueNanos;
  /** DNS, connect and TLS handshake time of the connection that carries the current exchange. */
  private long dnsNanos;
  private long connectNanos;
  private long tlsNanos;
  /** The proxy step's time (TLS to the proxy, CONNECT, SOCKS); zero when direct. */
  private long proxyNanos;
  /**
   * When the current exchange's connection was ready (or, for a reused one, when it began); before
   * that, when the current wait began (in the queue, then each step of opening a connection).
   */
  private long readyNanos;
  private long writtenNanos;
  private long firstByteNanos;
  /** The retry count of the previous attempt: an attempt with a higher one is a retry. */
  private int previousRetryCount;

  TimingRecorder(EventLoop loop, EventListener.Factory factory, HttpRequest request) {
    super(factory, request);
    this.loop = loop;
    this.startNanos = loop.nanoTime();
    Instant now = Instant.now();
    this.startEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  long startNanos() {
    return startNanos;
  }

  /** A network attempt of {@code request} begins. */
  void attemptStart(HttpRequest request, int redirectCount, int retryCount) {
    AttemptReason reason = attempt < 0 ? AttemptReason.FIRST
        : retryCount > previousRetryCount ? AttemptReason.RETRY : AttemptReason.REDIRECT;
    previousRetryCount = retryCount;
    beginAttempt(request, redirectCount + retryCount, reason);
  }

  void queued() {
    readyNanos = loop.nanoTime();
    fire(Kind.QUEUED, null, null, 0);
  }

  /** The fetch left the queue for a connection. */
  void dequeued() {
    queueNanos += loop.nanoTime() - readyNanos;
    fire(Kind.DEQUEUED, null, null, 0);
  }

  /** An exchange begins; a reused connection cost no DNS, connect or TLS time. */
  void exchangeStarted(boolean reused) {
    readyNanos = loop.nanoTime();
    writtenNanos = 0;
    firstByteNanos = 0;
    if (reused) {
      dnsNanos = 0;
      connectNanos = 0;
      tlsNanos = 0;
    }
    proxyNanos = 0;
    fire(Kind.CONNECTION_ACQUIRED, null, null, reused ? 1 : 0);
  }

  void dnsStart(String host) {
    readyNanos = loop.nanoTime();
    fire(Kind.DNS_START, host, null, 0);
  }

  /** The lookup of {@code host} ended: with {@code addresses}, or failed when null. */
  void dnsEnd(String host, List<InetSocketAddress> addresses) {
    dnsNanos = lap();
    if (addresses != null) {
      fire(Kind.DNS_END, host, addresses, 0);
    }
  }

  /** The TCP connect (every address Happy Eyeballs tries) ended. */
  void connectEnd() {
    connectNanos = lap();
  }

  void tlsStart(String host) {
    fire(Kind.TLS_START, host, null, 0);
  }

  /** The TLS handshake ended; {@code succeeded} says how. */
  void tlsEnd(String host, boolean succeeded) {
    tlsNanos = lap();
    if (succeeded) {
      fire(Kind.TLS_END, host, null, 0);
    }
  }

  /** Plain http: no handshake. */
  void noTls() {
    tlsNanos = 0;
  }

  @Override
  public void connectStarted(InetSocketAddress address) {
    fire(Kind.CONNECT_START, address, null, 0);
  }

  @Override
  public void connectSucceeded(InetSocketAddress address) {
    fire(Kind.CONNECT_END, address, null, 0);
  }

  @Override
  public void connectFailed(InetSocketAddress address, IOException cause) {
    fire(Kind.CONNECT_FAILED, address, cause, 0);
  }

  /** The proxy step (TLS to the proxy, CONNECT, SOCKS) begins with the proxy at {@code proxy}. */
  void proxyStart(InetSocketAddress proxy) {
    lap();
    proxyHandshakeStart(proxy);
  }

  /** The proxy step ended; {@code succeeded} says how. Zero time without a proxy. */
  void proxyEnd(InetSocketAddress proxy, boolean succeeded) {
    proxyNanos = lap();
    if (succeeded) {
      proxyHandshakeEnd(proxy);
    }
  }

  /** The new connection is ready: the write phase starts now. */
  void connected() {
    readyNanos = loop.nanoTime();
  }

  /** The head of {@code request} is being written; the listener may add {@code fields}. */
  void requestHeadStart(HttpRequest request, HeadFieldWriter fields) {
    if (hasListener()) {
      fire(Kind.REQUEST_HEAD_START, request, fields.open(), 0);
      fields.close();
    }
  }

  void requestHeadSent() {
    fire(Kind.REQUEST_HEAD_SENT, null, null, 0);
  }

  /** Every request byte reached the socket; {@code bodyBytes} is -1 without body. */
  void written(long bodyBytes) {
    writtenNanos = loop.nanoTime();
    if (bodyBytes >= 0) {
      fire(Kind.REQUEST_BODY_SENT, null, null, bodyBytes);
    }
  }

  /** A response byte arrived; only the first counts. */
  void bytesRead(long nowNanos) {
    if (firstByteNanos == 0) {
      firstByteNanos = nowNanos;
    }
  }

  void responseHeadReceived(int code) {
    fire(Kind.RESPONSE_HEAD_RECEIVED, null, null, code);
  }

  void responseBodyReceived(long bodyBytes) {
    fire(Kind.RESPONSE_BODY_RECEIVED, null, null, bodyBytes);
  }

  void connectionReleased(boolean keptAlive) {
    fire(Kind.CONNECTION_RELEASED, null, null, keptAlive ? 1 : 0);
  }

  /**
   * The fetch fails with {@code cause} while queued or with {@code active} in progress: a
   * cancellation tells the listener what it did.
   */
  void failing(Throwable cause, boolean wasQueued, Exchange active) {
    if (!(cause instanceof RequestCancelledException)) {
      return;
    }
    if (wasQueued) {
      fire(Kind.CANCELLED, CancelEffect.QUEUED_REQUEST_DROPPED, null, 0);
    } else if (active != null && active.isActive()) {
      fire(Kind.CANCELLED, active.isMultiplexed() ? CancelEffect.STREAM_RESET
          : CancelEffect.CONNECTION_CLOSED, null, active.bodyBytesReceived());
    } else {
      fire(Kind.CANCELLED, CancelEffect.NOTHING, null, 0);
    }
  }

  /** Nanoseconds since the last step began; starts the next step's clock. */
  private long lap() {
    long now = loop.nanoTime();
    long elapsed = now - readyNanos;
    readyNanos = now;
    return elapsed;
  }

  /** The timings of a response completed now. */
  Timings timings() {
    long nowNanos = loop.nanoTime();
    long written = writtenNanos == 0 ? nowNanos : writtenNanos;
    long firstByte = firstByteNanos == 0 ? nowNanos : firstByteNanos;
    return Timings.measured(startEpochNanos, queueNanos, dnsNanos, connectNanos, tlsNanos,
        proxyNanos, Math.max(0, written - readyNanos), Math.max(0, firstByte - written),
        nowNanos - firstByte, nowNanos - startNanos);
  }
}
