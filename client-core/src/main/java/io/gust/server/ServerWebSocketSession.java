package io.gust.server;

import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.WebSocketMessage;
import io.gust.websocket.WebSocketProtocolException;
import io.gust.websocket.WebSocketReader;
import io.gust.websocket.WebSocketWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's WebSocket session on a connection taken over after a 101 answer: acts on the
 * messages {@link SessionReads} reads while the handler wants them (a pending {@link #receive()},
 * or always for a listener), answers pings, runs the close handshake and keepalive pings, and writes what
 * the handler sends through a bounded queue ({@link SendQueue}).
 *
 * <p>Public methods may be called from any thread and hop to the loop; everything else is
 * loop-confined. States, on {@link #state}: OPEN → CLOSING when a close frame is sent (then
 * data messages that still arrive are dropped) → CLOSED when the peer's close arrives or the
 * close timeout passes; OPEN → CLOSED when the peer's close arrives first (it is answered), and
 * through {@link #fail} on a protocol error, a callback's exception, a keepalive timeout or the
 * connection dropping. The session ends once ({@link #finish}); the stream's close listener
 * releases the timers, and the server closes the TCP connection after the close frames.
 */
final class ServerWebSocketSession implements WebSocketSession {
  private static final Logger log = LoggerFactory.getLogger(ServerWebSocketSession.class);

  enum State { OPEN, CLOSING, CLOSED }

  final EventLoop loop;
  final ChannelStream stream;
  private final Request request;
  final WebSocketRoute route;
  private final String subprotocol;
  private final boolean compressed;
  private final SessionReads reads;
  final WebSocketWriter writer;
  private final SendQueue sends;
  private final SessionTimers timers;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  volatile State state = State.OPEN;
  /** The pull-style receive waiting for a message, or null. */
  private CompletableFuture<Message> pending;
  private boolean closeSent;
  /** The peer's close frame arrived: the reader is spent. */
  private boolean closeReceived;
  private boolean finished;
  /** Why the session failed; null while it did not. */
  private Throwable failure;
  private volatile int closeCode;
  private volatile String closeReason = "";

  ServerWebSocketSession(ChannelStream stream, Request request, WebSocketRoute route,
      String subprotocol, WebSocketReader reader, WebSocketWriter writer, boolean compressed) {
    this.loop = stream.loop();
    this.stream = stream;
    this.request = request;
    this.route = route;
    this.subprotocol = subprotocol;
    this.reads = new SessionReads(this, reader);
    this.writer = writer;
    this.compressed = compressed;
    this.sends = new SendQueue(this, route.options().sendQueueBytes);
    this.timers = new SessionTimers(this, route.options().pingInterval);
  }

  /** Opens the session on the loop: {@code leftover} holds bytes that came after the upgrade. */
  void start(Buffer leftover) {
    reads.start(leftover);
    stream.addCloseListener(this::onStreamClosed);
    if (finished) {
      return; // the connection closed as the 101 went out
    }
    timers.start();
    if (route.listener() != null) {
      callback(() -> route.listener().onOpen(this));
    } else {
      callback(() -> route.handler().onOpen(this));
    }
    reads.pump();
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public String subprotocol() {
    return subprotocol;
  }

  @Override
  public boolean isCompressed() {
    return compressed;
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public CompletableFuture<Void> sendText(String text) {
    return sends.data(true, new Buffer().writeUtf8(text));
  }

  @Override
  public CompletableFuture<Void> sendBinary(ByteString data) {
    return sends.data(false, new Buffer().write(data));
  }

  @Override
  public CompletableFuture<Void> ping(ByteString payload) {
    if (payload.size() > 125) {
      throw new IllegalArgumentException("a ping carries at most 125 bytes, not " + payload.size());
    }
    return sends.control(payload.size(), out -> writer.writePing(out, payload), false);
  }

  @Override
  public CompletableFuture<Message> receive() {
    CompletableFuture<Message> next = new CompletableFuture<>();
    onLoop(() -> startReceive(next), next);
    return next;
  }

  @Override
  public CompletableFuture<Void> close(int code, String reason) {
    if (!CloseCodes.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code " + code + " may not be sent");
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
      throw new IllegalArgumentException("a close reason has at most 123 bytes of UTF-8");
    }
    onLoop(() -> closeOnLoop(code, reason), closed);
    return closed;
  }

  @Override
  public int closeCode() {
    return closeCode;
  }

  @Override
  public String closeReason() {
    return closeReason;
  }

  /** Runs {@code task} on the loop; {@code future} fails when the loop refuses it. */
  void onLoop(Runnable task, CompletableFuture<?> future) {
    if (loop.inLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new WebSocketClosedException(CloseCodes.ABNORMAL, "the loop is closed"));
    }
  }

  private void startReceive(CompletableFuture<Message> next) {
    if (route.listener() != null || pending != null) {
      next.completeExceptionally(new IllegalStateException(route.listener() != null
          ? "a listener's session delivers messages to the listener" : "a receive is already pending"));
    } else if (finished) {
      completeReceive(next);
    } else {
      pending = next;
      reads.pump();
    }
  }

  private void completeReceive(CompletableFuture<Message> receive) {
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

  /** The server is shutting down: closes with 1001. */
  void goingAway() {
    closeOnLoop(CloseCodes.GOING_AWAY, "server shutting down");
  }

  /** New bytes from the connection; the server connection forwards them here. */
  boolean onReadable(Buffer in) {
    reads.onReadable(in);
    return stream.isOpen();
  }

  /** The peer ended its output; see {@link SessionReads#onEnd}. */
  void onEnd(Buffer buffered) {
    reads.onEnd(buffered);
  }

  /** The peer ended its output amid a message or with no close frame. */
  void dropped() {
    fail(new WebSocketClosedException(CloseCodes.ABNORMAL, "the client closed without a close frame"),
        CloseCodes.ABNORMAL);
  }

  /** True while a message may be read: a listener, a pending receive, or a close under way. */
  boolean wantsMessages() {
    return !closeReceived && !finished
        && (state == State.CLOSING || route.listener() != null || pending != null);
  }

  /** True while the socket is not read because the handler wants no message. */
  boolean isReadingPaused() {
    return reads.isPaused();
  }

  /** Acts on one message the reader returned. */
  void dispatch(WebSocketMessage message) {
    WebSocketListener listener = route.listener();
    switch (message.type()) {
      case TEXT, BINARY -> deliver(new Message(message.type() == WebSocketMessage.Type.TEXT,
          message.payload()));
      case PING -> {
        sends.control(message.payload().size(), out -> writer.writePong(out, message.payload()), true);
        if (listener != null) {
          callback(() -> listener.onPing(this, message.payload()));
        }
      }
      case PONG -> {
        timers.ponged();
        if (listener != null) {
          callback(() -> listener.onPong(this, message.payload()));
        }
      }
      case CLOSE -> peerClosed(message.closeCode(), message.closeReason());
    }
  }

  private void deliver(Message message) {
    if (state != State.OPEN) {
      return; // a close was sent: what still arrives is dropped (RFC 6455 §1.4)
    }
    WebSocketListener listener = route.listener();
    if (listener == null) {
      CompletableFuture<Message> receive = pending;
      pending = null;
      receive.complete(message);
    } else if (message.isText()) {
      callback(() -> listener.onText(this, message.text()));
    } else {
      callback(() -> listener.onBinary(this, message.data()));
    }
  }

  /** The peer's close frame: answered with the same code and reason unless ours went first. */
  private void peerClosed(int code, String reason) {
    closeReceived = true;
    boolean answer = !closeSent;
    finish(code, reason, null);
    if (answer) {
      sendClose(code, reason);
    } else {
      stream.close(); // the handshake is complete; the server closes the TCP connection first
    }
  }

  /** Writes a close frame and arms the close timeout; the connection closes after it. */
  private void sendClose(int code, String reason) {
    if (closeSent) {
      return;
    }
    closeSent = true;
    int sent = code == CloseCodes.NO_STATUS || CloseCodes.isValidOnWire(code) ? code : CloseCodes.NORMAL;
    sends.close(out -> writer.writeClose(out, sent, sent == CloseCodes.NO_STATUS ? "" : reason));
    if (stream.isOpen()) {
      timers.armCloseTimeout(route.options().closeTimeout);
    }
  }

  /** The close frame was written: close the connection unless the peer's close is awaited. */
  void closeWritten() {
    if (closeReceived || failure != null) {
      stream.close();
    }
  }

  /**
   * Fails the session, first failure wins: it ends, then a close frame with {@code code} goes
   * out if none did yet (the connection closes once it is written), else the connection closes.
   */
  void fail(Throwable error, int code) {
    if (finished) {
      return;
    }
    String reason = code == CloseCodes.ABNORMAL ? "" : shortReason(error);
    boolean answer = code != CloseCodes.ABNORMAL && !closeSent;
    finish(code, reason, error);
    if (answer) {
      sendClose(code, reason);
    } else {
      stream.close();
    }
  }

  /**
   * The reason sent with a failure's close: the codec's or the keepalive's own words, short and
   * ASCII; never a handler exception's message, which is the application's business.
   */
  private static String shortReason(Throwable error) {
    if (!(error instanceof WebSocketProtocolException || error instanceof TimeoutException)) {
      return "internal error";
    }
    String message = Objects.toString(error.getMessage(), "");
    return message.length() <= 100 && message.chars().allMatch(c -> c < 0x80) ? message : "";
  }

  /** Ends the session once: records the code, releases the codec, tells the handler. */
  private void finish(int code, String reason, Throwable error) {
    if (finished) {
      return;
    }
    finished = true;
    state = State.CLOSED;
    closeCode = code;
    closeReason = reason;
    if (error != null) {
      failure = error;
      log.debug("WebSocket session from {} failed: {}", stream.remoteAddress(), error.toString());
    }
    timers.stopPings();
    reads.close();
    CompletableFuture<Message> receive = pending;
    pending = null;
    if (receive != null) {
      completeReceive(receive);
    }
    WebSocketListener listener = route.listener();
    if (listener != null) {
      if (error != null) {
        callback(() -> listener.onError(this, error));
      }
      callback(() -> listener.onClose(this, code, reason));
    }
  }

  private void onStreamClosed(Throwable cause) {
    timers.stopAll();
    writer.close();
    if (!finished) {
      String why = cause == null ? "the connection was closed" : "the connection dropped: " + cause;
      WebSocketClosedException dropped = new WebSocketClosedException(CloseCodes.ABNORMAL, why);
      if (cause != null) {
        dropped.initCause(cause);
      }
      fail(dropped, CloseCodes.ABNORMAL);
    }
    closed.complete(null);
  }

  /** A keepalive ping went unanswered for a whole interval. */
  void keepaliveExpired() {
    fail(new TimeoutException("keepalive ping unanswered"), CloseCodes.INTERNAL_ERROR);
  }

  /** Runs handler code; an exception is logged and fails a session still running with 1011. */
  private void callback(Callback code) {
    try {
      code.run();
    } catch (Throwable t) {
      log.warn("WebSocket handler for {} failed{}", request.path(),
          finished ? " as its session ended" : "; closing with 1011", t);
      fail(t, CloseCodes.INTERNAL_ERROR);
    }
  }

  @FunctionalInterface
  private interface Callback {
    void run() throws Exception;
  }

  @Override
  public String toString() {
    return "WebSocketSession{" + request.path() + ", " + state + "}";
  }
}
