package io.gust.websocket;

import io.gust.client.HttpRequest;
import io.gust.client.Phase;
import io.gust.client.WebSocketException;
import io.gust.client.WebSocketQueueFullException;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket connection on the loop, the part a client and a server share: acts on the
 * messages {@link SessionReads} reads, answers pings, runs the close handshake, keepalive pings
 * and the idle timeout ({@link SessionTimers}), and writes what the application sends through a
 * bounded queue ({@link SendQueue}). Failures reach the application as {@link
 * WebSocketException}s. Subclasses make the messages and say how events reach the application.
 *
 * <p>Public methods may be called from any thread and hop to the loop; everything else is
 * loop-confined. States, on {@link #state}: OPEN → CLOSING when a close frame is sent (data
 * messages the peer sent before it saw the close are still delivered, those a pull-style receiver
 * leaves past the read-ahead dropped) → CLOSED when the peer's close arrives or the close
 * timeout passes; OPEN → CLOSED when the peer's close arrives first (it is answered), and through
 * {@link #fail} on a protocol error, a callback's exception, a keepalive or idle timeout or the
 * connection dropping. The endpoint ends once ({@link #finish}); the stream's close listener
 * releases the timers and the writer. The server closes the TCP connection after the close
 * handshake; a client waits for the server to do so, up to the close timeout.
 *
 * <p>A pull-style receiver gets messages read ahead of its {@link #receive()} calls, up to
 * {@link WebSocketSettings#readAheadBytes()} (plus one message): reads pause beyond that, so a
 * fast peer cannot fill the heap, while a peer's close or end is still noticed below it.
 */
public abstract class WebSocketEndpoint<M> {
  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

  /** The endpoint's lifecycle; see the class comment. */
  public enum State { OPEN, CLOSING, CLOSED }

  protected final EventLoop loop;
  protected final ChannelStream stream;
  /** The upgrade request a client's errors name; null for the server. */
  private final HttpRequest handshake;
  final WebSocketSettings settings;
  final WebSocketWriter writer;
  private final boolean compressed;
  private final SessionReads reads;
  final SendQueue sends;
  private final SessionTimers timers;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  volatile State state = State.OPEN;
  private final ReceiveQueue<M> receives = new ReceiveQueue<>(this);
  private boolean closeSent;
  /** The peer's close frame arrived: the reader is spent. */
  private boolean closeReceived;
  private boolean finished;
  /** Why the endpoint failed; null while it did not. */
  private Throwable failure;
  private volatile int closeCode;
  private volatile String closeReason = "";

  /**
   * Starts an endpoint on {@code stream}; {@code handshake} is the client's upgrade request its
   * errors name, null for the server.
   */
  protected WebSocketEndpoint(ChannelStream stream, WebSocketReader reader, WebSocketWriter writer,
      boolean compressed, WebSocketSettings settings, HttpRequest handshake) {
    this.handshake = handshake;
    this.loop = stream.loop();
    this.stream = stream;
    this.settings = settings;
    this.writer = writer;
    this.compressed = compressed;
    this.reads = new SessionReads(this, reader);
    this.sends = new SendQueue(this, settings.sendQueueBytes());
    this.timers = new SessionTimers(this);
  }

  /** True when messages go to a listener (the callback style), false for {@link #receive()}. */
  protected abstract boolean hasListener();

  /** Wraps a data message in the side's public type. */
  protected abstract M message(boolean text, ByteString data);

  /** Gives a data message to the listener. */
  protected abstract void onMessage(M message) throws Exception;

  /** A ping arrived (the pong is queued already); for the listener. */
  protected abstract void onPing(ByteString payload) throws Exception;

  /** A pong arrived; for the listener. */
  protected abstract void onPong(ByteString payload) throws Exception;

  /** The endpoint failed; for the listener, before {@link #onClose}. */
  protected abstract void onError(Throwable error) throws Exception;

  /** The endpoint ended; for the listener, once, last. */
  protected abstract void onClose(int code, String reason) throws Exception;

  /**
   * The error for a send on a closing or closed endpoint, or a dropped connection; {@code cause}
   * may be null.
   */
  final WebSocketException closedError(int code, String message, Throwable cause) {
    return new WebSocketException(message, handshake, Phase.BODY, code, cause);
  }

  /** The error for a send refused by the bound of the send queue. */
  final WebSocketQueueFullException queueFullError(long queuedBytes, long limitBytes) {
    return new WebSocketQueueFullException(handshake, queuedBytes, limitBytes);
  }

  /**
   * The failure the application hears for {@code error}, which ends the endpoint with {@code
   * code}: the codec's, the timers' and the callbacks' errors become {@link WebSocketException}s.
   */
  private Throwable reported(Throwable error, int code) {
    return error instanceof WebSocketException ? error
        : closedError(code, FailureReasons.message(error, code, closesTransportFirst()), error);
  }

  /** True for the server, which closes the TCP connection first after the close handshake. */
  protected abstract boolean closesTransportFirst();

  /** Opens the endpoint on the loop: {@code leftover} holds bytes that came after the upgrade. */
  protected final void start(Buffer leftover, Callback opened) {
    reads.start(leftover);
    stream.addCloseListener(this::onStreamClosed);
    if (finished) {
      return; // the connection closed as the upgrade completed
    }
    timers.start();
    callback(opened);
    reads.pump();
  }

  public final boolean isCompressed() {
    return compressed;
  }

  public final boolean isOpen() {
    return state == State.OPEN;
  }

  public final CompletableFuture<Void> sendText(String text) {
    return sends.data(true, ByteString.encodeUtf8(text));
  }

  public final CompletableFuture<Void> sendBinary(ByteString data) {
    return sends.data(false, data);
  }

  public final CompletableFuture<Void> ping(ByteString payload) {
    if (payload.size() > FrameHeader.MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException("a ping carries at most 125 bytes, not " + payload.size());
    }
    return sends.control(payload.size(), out -> writer.writePing(out, payload), false);
  }

  public final CompletableFuture<M> receive() {
    CompletableFuture<M> next = new CompletableFuture<>();
    onLoop(() -> startReceive(next), next);
    return next;
  }

  public final CompletableFuture<Void> close(int code, String reason) {
    if (!CloseCodes.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code " + code + " may not be sent");
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
      throw new IllegalArgumentException("a close reason has at most 123 bytes of UTF-8");
    }
    onLoop(() -> closeOnLoop(code, reason), closed);
    return closed;
  }

  public final int closeCode() {
    return closeCode;
  }

  public final String closeReason() {
    return closeReason;
  }

  /** Runs {@code task} on the loop; {@code future} fails when the loop refuses it. */
  final void onLoop(Runnable task, CompletableFuture<?> future) {
    if (loop.inLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(closedError(CloseCodes.ABNORMAL, "the loop is closed", null));
    }
  }

  private void startReceive(CompletableFuture<M> next) {
    if (hasListener() || receives.hasPending()) {
      next.completeExceptionally(new IllegalStateException(hasListener()
          ? "messages go to the listener" : "a receive is already pending"));
    } else if (receives.takeReady(next)) {
      reads.pump();
    } else if (finished) {
      completeReceive(next);
    } else {
      receives.await(next);
      reads.pump();
    }
  }

  private void completeReceive(CompletableFuture<M> receive) {
    if (failure != null) {
      receive.completeExceptionally(failure);
    } else {
      receive.complete(null);
    }
  }

  private void closeOnLoop(int code, String reason) {
    if (state == State.OPEN) {
      state = State.CLOSING;
      sendClose(code, reason);
      reads.pump();
    }
  }

  /** The peer ended its output amid a message or with no close frame. */
  final void dropped() {
    fail(closedError(CloseCodes.ABNORMAL, "the peer closed without a close frame", null),
        CloseCodes.ABNORMAL);
  }

  /** True while a message may be read: a listener, room to read ahead, or a close under way. */
  final boolean wantsMessages() {
    return !closeReceived && !finished && (state == State.CLOSING || hasListener()
        || receives.hasPending() || receives.hasRoom());
  }

  /** True once the endpoint ended but still reads, to see the server end the connection. */
  final boolean awaitsEnd() {
    return finished && !closesTransportFirst() && stream.isOpen();
  }

  /** True while the socket is not read because the application wants no message. */
  public final boolean isReadingPaused() {
    return reads.isPaused();
  }

  /** Acts on one message the reader returned. */
  final void dispatch(WebSocketMessage message) {
    switch (message.type()) {
      case TEXT, BINARY -> deliver(message);
      case PING -> {
        sends.control(message.payload().size(),
            out -> writer.writePong(out, message.payload()), true);
        callback(() -> onPing(message.payload()));
      }
      case PONG -> {
        timers.ponged();
        callback(() -> onPong(message.payload()));
      }
      case CLOSE -> peerClosed(message.closeCode(), message.closeReason());
    }
  }

  private void deliver(WebSocketMessage message) {
    if (state == State.CLOSING && !hasListener() && !receives.hasPending() && !receives.hasRoom()) {
      return; // closing, and nobody takes what the peer sent before it saw the close
    }
    if (hasListener()) {
      M delivered = toPublic(message);
      callback(() -> onMessage(delivered));
    } else {
      receives.offer(message);
    }
  }

  final M toPublic(WebSocketMessage message) {
    return message(message.type() == WebSocketMessage.Type.TEXT, message.payload());
  }

  /** The peer's close frame: answered with the same code and reason unless ours went first. */
  private void peerClosed(int code, String reason) {
    closeReceived = true;
    boolean answer = !closeSent;
    finish(code, reason, null);
    if (answer) {
      sendClose(code, reason);
    } else if (closesTransportFirst()) {
      stream.close();
    }
  }

  /** Writes a close frame and arms the close timeout; the connection closes after it. */
  private void sendClose(int code, String reason) {
    if (closeSent) {
      return;
    }
    closeSent = true;
    int sent = code == CloseCodes.NO_STATUS || CloseCodes.isValidOnWire(code) ? code
        : CloseCodes.NORMAL;
    sends.urgent(out -> writer.writeClose(out, sent, sent == CloseCodes.NO_STATUS ? "" : reason),
        this::closeWritten);
    if (stream.isOpen()) {
      timers.armCloseTimeout(settings.closeTimeout());
    }
  }

  /** The close frame was written: close the connection unless the peer's close or end is due. */
  private void closeWritten() {
    if (failure != null || (closeReceived && closesTransportFirst())) {
      stream.close();
    }
  }

  /**
   * Fails the endpoint, first failure wins: it ends, then a close frame with {@code code} goes
   * out if none did yet (the connection closes once it is written), else the connection closes.
   */
  final void fail(Throwable error, int code) {
    if (finished) {
      return;
    }
    String reason = code == CloseCodes.ABNORMAL ? "" : FailureReasons.closeReason(error);
    boolean answer = code != CloseCodes.ABNORMAL && !closeSent;
    finish(code, reason, error);
    if (answer) {
      sendClose(code, reason);
    } else {
      stream.close();
    }
  }

  /** Ends the endpoint once: records the code, releases the reader, tells the application. */
  private void finish(int code, String reason, Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    state = State.CLOSED;
    closeCode = code;
    closeReason = reason;
    Throwable reported = error == null ? null : reported(error, code);
    if (error != null) {
      failure = reported;
      log.debug("WebSocket {} failed: {}", this, error.toString());
    }
    timers.stopPings();
    reads.close();
    CompletableFuture<M> receive = receives.takePending();
    if (receive != null) {
      completeReceive(receive);
    }
    if (hasListener()) {
      if (reported != null) {
        callback(() -> onError(reported));
      }
      callback(() -> onClose(code, reason));
    }
  }

  private void onStreamClosed(Throwable cause) {
    timers.stopAll();
    writer.close();
    if (!finished) {
      String why = cause == null ? "the connection was closed" : "the connection dropped: " + cause;
      fail(closedError(CloseCodes.ABNORMAL, why, cause), CloseCodes.ABNORMAL);
    }
    closed.complete(null);
  }

  /** A keepalive ping went unanswered for a whole interval. */
  final void keepaliveExpired() {
    fail(new TimeoutException("keepalive ping unanswered"), CloseCodes.INTERNAL_ERROR);
  }

  /** No byte came from the peer for the whole idle timeout. */
  final void idleExpired() {
    fail(new TimeoutException("idle timeout"), CloseCodes.GOING_AWAY);
  }

  /** Sends a keepalive ping outside the send queue's bound, so a full queue cannot stop it. */
  final void keepalivePing() {
    sends.urgent(out -> writer.writePing(out, ByteString.EMPTY), null);
  }

  /** Bytes arrived from the peer: the idle clock starts again. */
  final void bytesRead() {
    timers.readAt(loop.nanoTime());
  }

  /** Runs application code; an exception is logged and fails an endpoint still running (1011). */
  protected final void callback(Callback code) {
    try {
      code.run();
    } catch (Throwable t) {
      log.warn("WebSocket callback of {} failed{}", this,
          finished ? " as it ended" : "; closing with 1011", t);
      fail(t, CloseCodes.INTERNAL_ERROR);
    }
  }

  /** Code of the application's, run on the loop by {@link #callback}. */
  @FunctionalInterface
  protected interface Callback {
    void run() throws Exception;
  }

  /** Feeds the endpoint from the stream it owns: the client's way, no HTTP parser before it. */
  protected final void readFromStream() {
    stream.readWith(reads);
  }

  /** New bytes from the connection, for a server connection that forwards its reads. */
  protected final boolean onReadable(Buffer in) {
    return reads.onReadable(in);
  }

  /** The peer ended its output; see {@link SessionReads#onEnd}. */
  protected final void onEnd(Buffer buffered) {
    reads.onEnd(buffered);
  }
}
