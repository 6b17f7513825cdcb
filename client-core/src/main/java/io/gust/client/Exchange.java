package io.gust.client;

import io.gust.http.ResponseHead;
import io.gust.loop.Cancellable;
import io.gust.net.ChannelStream;
import java.time.Duration;
import okio.Buffer;
import okio.ByteString;

/**
 * One request and its response on one connection: connect if the connection is new, write, read.
 * Loop-confined.
 *
 * <p>States: CONNECTING (DNS, TCP, then TLS for https, by a {@link ConnectionSetup}) → WRITING
 * → (AWAITING_CONTINUE → WRITING) → READING_HEAD → READING_BODY → DONE; a response head
 * arriving while the request is still being written goes straight to READING_BODY; any state
 * before DONE → FAILED. Reading starts as soon as the connection is ready, so an early response
 * or close is noticed while writing. An idle read timeout is a {@link ReadTimer}.
 * {@link #fail(Throwable)} is the one failure path: the first failure wins, cancels the timers,
 * closes the connection (freeing its slot) and tells the fetch once, saying whether a retry is
 * safe. {@link #abort()} is the same without telling the fetch, for when the fetch itself ended.
 *
 * <p>A finished response is handed over from a loop task ({@link #handOver()}), after
 * the read that completed it has returned, so that the connection is idle again before the next
 * exchange (perhaps started by the caller's callback) reads from it. The exchange is that task
 * itself ({@link #run()}), so that the hand-over allocates nothing.
 */
final class Exchange implements Runnable {
  enum State { CONNECTING, WRITING, AWAITING_CONTINUE, READING_HEAD, READING_BODY, DONE, FAILED }

  private static final Duration CONTINUE_TIMEOUT = Duration.ofSeconds(1);

  final Fetch fetch;
  final HttpRequest request;
  final PooledConnection connection;
  final ClientContext context;
  /** The fetch's timings, which this exchange and its connection set-up add to. */
  final TimingRecorder timings;
  private final boolean reused;
  ChannelStream stream;
  /** Written on the loop; volatile, like setup, so a cancel from elsewhere sees the phase. */
  private volatile State state;
  /** Opens the connection when it is new; null for a reused one. */
  private volatile ConnectionSetup setup;
  private RequestWriter writer;
  private ResponseReader reader;
  /** The HTTP/2 stream carrying this exchange; null over HTTP/1.1. */
  private Http2Stream h2;
  private Cancellable continueTimer;
  private ReadTimer readTimer;
  private HttpResponse response;
  private boolean reusable;

  Exchange(Fetch fetch, PooledConnection connection) {
    this.fetch = fetch;
    this.request = fetch.request();
    this.connection = connection;
    this.context = fetch.context();
    this.timings = fetch.timings();
    this.reused = connection.isReused();
  }

  boolean isActive() {
    return state != State.DONE && state != State.FAILED;
  }

  Phase phase() {
    State current = state;
    if (current == null) {
      return reused ? Phase.WRITE : Phase.DNS;
    }
    switch (current) {
      case CONNECTING:
        ConnectionSetup opening = setup;
        return opening == null ? Phase.DNS : opening.phase();
      case WRITING:
      case AWAITING_CONTINUE:
        return Phase.WRITE;
      case READING_HEAD:
        return Phase.HEADERS;
      default:
        return Phase.BODY;
    }
  }

  void start() {
    timings.exchangeStarted(reused);
    if (reused) {
      begin(connection.stream());
      return;
    }
    state = State.CONNECTING;
    setup = new ConnectionSetup(this);
    setup.start();
  }

  boolean isConnecting() {
    return state == State.CONNECTING;
  }

  /** The new connection is ready: it joins the pool as busy and carries this exchange. */
  void connected(ChannelStream ready) {
    timings.connected();
    connection.connected(ready);
    begin(ready);
  }

  private void begin(ChannelStream ready) {
    stream = ready;
    state = State.WRITING;
    setup = null; // done: a request held open keeps nothing of its connection's set-up
    reader = new ResponseReader(this);
    Duration readTimeout = context.config.readTimeout(request);
    if (readTimeout != null && !readTimeout.isZero() && !Timeouts.isUnlimited(readTimeout)) {
      readTimer = new ReadTimer(this, readTimeout);
    }
    if (connection.multiplexed() != null) {
      h2 = new Http2Stream(this, reader, connection.multiplexed());
      h2.start();
      return;
    }
    writer = new RequestWriter(this, ready);
    ready.readWith(reader);
    if (isActive()) {
      writer.start();
    }
  }

  /**
   * Starts this exchange as if its request had gone out on a connection that has no socket, and
   * returns the reader to feed with what a socket would deliver: for tests that drive the
   * production reader in memory (the fuzz harness). Loop thread only.
   */
  ResponseReader startInMemory() {
    timings.exchangeStarted(false);
    state = State.WRITING;
    writer = new RequestWriter(this, null);
    reader = new ResponseReader(this);
    writer.onWritten();
    return reader;
  }

  /** The head went out with Expect: 100-continue; the body waits for 100, a final status or 1 s. */
  void awaitContinue() {
    state = State.AWAITING_CONTINUE;
    continueTimer = context.loop.schedule(CONTINUE_TIMEOUT, () -> {
      continueTimer = null;
      sendBodyAfterContinue();
    });
  }

  private void sendBodyAfterContinue() {
    if (state == State.AWAITING_CONTINUE) {
      state = State.WRITING;
      writer.sendBody(new Buffer());
    }
  }

  void interim(ResponseHead head) {
    if (head.code() == 100) {
      cancelContinueTimer();
      sendBodyAfterContinue();
    }
  }

  void requestWritten() {
    timings.written(request.body() == null ? -1 : bodyBytesSent());
    if (state == State.WRITING) {
      state = State.READING_HEAD;
    }
    progress();
  }

  void bytesRead() {
    long now = context.loop.nanoTime();
    timings.bytesRead(now);
    if (readTimer != null) {
      readTimer.readAt(now);
    }
  }

  void headReceived(ResponseHead head, boolean redirect) {
    cancelContinueTimer();
    timings.responseHeadReceived(head.code());
    state = State.READING_BODY;
    if (!redirect && request.headerCallback() != null) {
      UserCallbacks.headers(this, headOnly(head));
    }
  }

  /** A response of {@code head} alone, without body, for the callbacks that hear it early. */
  HttpResponse headOnly(ResponseHead head) {
    return HttpResponse.newBuilder().head(head).request(request).build();
  }

  void progress() {
    if (request.progressListener() != null && reader != null && (writer != null || h2 != null)) {
      UserCallbacks.progress(this, bodyBytesSent(),
          h2 != null ? h2.sendTotal() : writer.sendTotal, reader.bodyBytes,
          reader.receiveTotal());
    }
  }

  void responseComplete(ResponseHead head, ByteString body, Headers trailers, boolean keepAlive) {
    state = State.DONE;
    cancelTimers();
    timings.responseBodyReceived(reader.bodyBytes);
    reusable = h2 != null || keepAlive && !request.closesConnection()
        && (writer.isComplete() || writer.sendSkippedBody());
    response = finalResponse(head, body, trailers, null);
    context.loop.execute(this);
  }

  private HttpResponse finalResponse(ResponseHead head, ByteString body, Headers trailers,
      UpgradedConnection upgrade) {
    return new HttpResponse(head, body, trailers, request, timings.timings(), reused,
        fetch.redirectCount(), fetch.retryCount(), fetch.previousHop(), upgrade);
  }

  /** True when a 101 answer hands the connection over: the request is a WebSocket handshake. */
  boolean upgrades() {
    return request.headers().get("Sec-WebSocket-Key") != null;
  }

  /** A 101 answer took the connection over: it leaves the pool with the response, still open. */
  void upgraded(ResponseHead head) {
    state = State.DONE;
    cancelTimers();
    UpgradedConnection upgrade = new UpgradedConnection(connection.detach());
    response = finalResponse(head, ByteString.EMPTY, Headers.empty(), upgrade);
    context.loop.execute(this);
  }

  /** The loop task {@link #responseComplete} and {@link #upgraded} queue: {@link #handOver()}. */
  @Override
  public void run() {
    handOver();
  }

  /** Hands the finished response over, once the read that finished it has returned. */
  private void handOver() {
    timings.connectionReleased(reusable);
    if (h2 != null) {
      h2.release();
    } else {
      connection.release(reusable);
    }
    fetch.exchangeDone(response);
    if (response.upgrade != null) {
      response.upgrade.closeUnlessTaken();
    }
  }

  /** The one failure path of an exchange. */
  void fail(Throwable cause) {
    if (!isActive()) {
      return;
    }
    Phase phase = phase();
    boolean retryable = reused && (reader == null || !reader.receivedAny)
        && (phase == Phase.WRITE || phase == Phase.HEADERS);
    abort(cause);
    fetch.exchangeFailed(Failures.forClient(cause, request, phase), retryable);
  }

  /**
   * Ends the exchange without reporting because of {@code cause}; over HTTP/2 a timeout has the
   * connection PING the server, since the silence may be the whole connection's.
   */
  void abort(Throwable cause) {
    Http2Stream stream = isActive() ? h2 : null;
    abort();
    if (stream != null && cause instanceof FetchTimeoutException) {
      stream.timedOut();
    }
  }

  /** Ends the exchange without reporting: timers off, connection closed, slot freed. */
  void abort() {
    if (!isActive()) {
      return;
    }
    state = State.FAILED;
    cancelTimers();
    if (writer != null) {
      writer.abort();
    }
    if (reader != null) {
      reader.closeContent();
    }
    timings.connectionReleased(false);
    if (h2 != null) {
      h2.abort();
    } else {
      connection.close();
    }
  }

  /** Whether this exchange is a stream of a multiplexed (HTTP/2) connection. */
  boolean isMultiplexed() {
    return h2 != null;
  }

  /** Request body bytes sent so far, over either protocol. */
  private long bodyBytesSent() {
    return h2 != null ? h2.bodyBytesSent() : writer.bodyBytesSent;
  }

  /** Decoded response body bytes received so far. */
  long bodyBytesReceived() {
    return reader == null ? 0 : reader.bodyBytes;
  }

  private void cancelTimers() {
    cancelContinueTimer();
    if (setup != null) {
      setup.cancel();
    }
    if (readTimer != null) {
      readTimer.cancel();
      readTimer = null;
    }
  }

  private void cancelContinueTimer() {
    if (continueTimer != null) {
      continueTimer.cancel();
      continueTimer = null;
    }
  }

  /** Pauses the response: the socket over HTTP/1.1, the stream's window over HTTP/2. */
  void pauseReading() {
    if (h2 != null) {
      h2.pause();
    } else {
      stream.pauseReading();
    }
  }

  void resumeReading() {
    if (h2 != null) {
      h2.resume();
    } else {
      stream.resumeReading();
    }
  }

  /** Whether the request is still being written (its body too, after a 100 Continue). */
  boolean isWriting() {
    return state == State.WRITING;
  }

  boolean isReadingPaused() {
    return h2 != null ? h2.isPaused() : stream.isReadingPaused();
  }

  /** Runs {@code task} on the loop: now when already there, else queued (see the fetch's). */
  void onLoop(Runnable task) {
    fetch.onLoop(task);
  }
}
