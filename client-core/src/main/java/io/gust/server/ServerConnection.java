package io.gust.server;

import io.gust.client.HttpProtocolException;
import io.gust.http.RequestHead;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.ReadListener;
import java.util.concurrent.TimeoutException;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection: reads a request head and body, runs the route's handler, writes the
 * response, and repeats while keep-alive allows. Loop-confined.
 *
 * <p>One exchange at a time. While a request is handled and answered the connection goes on
 * reading, to see the client hang up, and holds what arrives (pipelined requests, answered in
 * order once the answer was written); past {@link #HOLD_BYTES} held it pauses reading. The
 * stream allows a half close: when the client ends its output with no request under way the
 * connection closes; with one under way the exchange hears that the client went away, an answer
 * that still comes is written, the held requests are answered, and then it closes.
 *
 * <p>One {@link ConnectionTimer} enforces the idle timeout (between requests); the head timeout
 * (a whole request head, from its first byte); the read timeout (a head or body that stalls,
 * answered 408 with either); the linger after an error answer; and gives up on a response the
 * client stopped reading for a whole read timeout. After an error answer the connection reads
 * and discards for a while ({@link Linger}).
 *
 * <p>States: READING_HEAD → READING_BODY → HANDLING → WRITING → READING_HEAD (keep-alive);
 * READING_HEAD → HANDLING (no body); READING_* → WRITING (an error answer, then LINGERING);
 * WRITING → LINGERING → CLOSED after an error answer; READING_* or LINGERING → CLOSED when the
 * client's input ends; HANDLING → UPGRADED once a WebSocket upgrade was answered 101, after
 * which no more HTTP is parsed and every byte goes to the {@link ServerWebSocketSession}; any →
 * CLOSED, through {@link #fail}; READING_HEAD → HTTP2 when a plain connection opens with HTTP/2's
 * preface ({@link H2cPreface}), after which an {@link Http2ServerConnection} owns it.
 */
final class ServerConnection implements ReadListener, ServedConnection {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
  private static final ByteString CONTINUE = ByteString.encodeUtf8("HTTP/1.1 100 Continue\r\n\r\n");
  /** How many bytes may arrive and be held while a request is handled before reading pauses. */
  static final long HOLD_BYTES = 64 * 1024;

  enum State { READING_HEAD, READING_BODY, HANDLING, WRITING, LINGERING, UPGRADED, HTTP2, CLOSED }

  final EventLoop loop;
  final ChannelStream stream;
  final ServerContext context;
  private final RequestIntake intake;
  private final Exchange exchange;
  private State state = State.READING_HEAD;
  private boolean readingPaused;
  /** Bytes that arrived while a request was handled, parsed before any newer ones. */
  private final Buffer held = new Buffer();
  /** True while {@link #parse} runs, so that an answer written meanwhile does not parse again. */
  private boolean parsing;
  private final ConnectionTimer timer;
  private final Linger linger = new Linger();
  /** Whether a response in progress stopped leaving between two checks. */
  private final WriteStall writeStall;
  /** The WebSocket session that took the connection over; null until UPGRADED. */
  private ServerWebSocketSession webSocket;
  /** The HTTP/2 connection that took this one over; null unless HTTP2. */
  private Http2ServerConnection http2;
  private final H2cPreface h2cPreface;

  private ServerConnection(EventLoop loop, ChannelStream stream, ServerContext context) {
    this.loop = loop;
    this.stream = stream;
    this.context = context;
    this.intake = new RequestIntake(context);
    this.exchange = new Exchange(this);
    this.timer = new ConnectionTimer(loop, this::onTimer, this::fail);
    this.writeStall = new WriteStall(stream);
    this.h2cPreface = new H2cPreface(context.http2 && stream.tlsInfo() == null);
  }

  @Override
  public EventLoop loop() {
    return loop;
  }

  /** Serves requests from {@code stream} (open, past any TLS handshake); loop thread only. */
  static void serve(EventLoop loop, ChannelStream stream, ServerContext context) {
    if (!stream.isOpen()) {
      return;
    }
    ServerConnection connection = new ServerConnection(loop, stream, context);
    context.connections.add(connection);
    stream.addCloseListener(connection::onClosed);
    stream.allowHalfClose();
    connection.timer.after(context.idleTimeoutNanos);
    stream.readWith(connection);
  }

  @Override
  public boolean onReadable(Buffer in) {
    if (state == State.HTTP2) {
      return http2.onReadable(in);
    }
    if (state == State.UPGRADED) {
      return webSocket.forward(in);
    }
    if (state == State.LINGERING) {
      discard(in);
      return state != State.CLOSED;
    }
    if (h2cPreface.starts(in)) {
      return handOverToHttp2(in);
    }
    Buffer source = in;
    if (held.size() > 0 || isBusy()) {
      held.write(in, in.size());
      source = held;
    }
    parse(source);
    if (state == State.UPGRADED) {
      return webSocket.forward(in);
    }
    if (isBusy()) {
      held.write(in, in.size());
    }
    updateReading();
    return state != State.CLOSED;
  }

  /** Waits for the whole preface, then passes this read and the next ones to HTTP/2. */
  private boolean handOverToHttp2(Buffer in) {
    if (!H2cPreface.isWhole(in)) {
      return true;
    }
    state = State.HTTP2;
    timer.stop();
    context.connections.remove(this);
    http2 = Http2ServerConnection.takeOver(loop, stream, context);
    return http2.onReadable(in);
  }

  /** Parses and dispatches requests from {@code source} while the state is reading one. */
  private void parse(Buffer source) {
    boolean outer = parsing;
    parsing = true;
    try {
      while (state == State.READING_HEAD || state == State.READING_BODY) {
        if (!advance(source)) {
          break;
        }
      }
    } catch (HttpProtocolException e) {
      refuse(e);
    } finally {
      parsing = outer;
    }
    if (state == State.LINGERING) {
      discard(source);
      discard(held);
    }
  }

  /** Drops what arrives after an error answer; past {@link Linger#MAX_BYTES} closes at once. */
  private void discard(Buffer in) {
    if (linger.discard(in) && state != State.CLOSED) {
      fail(Linger.overflow());
    }
  }

  private boolean isBusy() {
    return state == State.HANDLING || state == State.WRITING;
  }

  /** Reads the socket unless a request is under way and {@link #HOLD_BYTES} are held already. */
  private void updateReading() {
    if (state == State.UPGRADED) {
      return; // the WebSocket session drives reading now
    }
    boolean pause = isBusy() && held.size() >= HOLD_BYTES;
    if (pause != readingPaused && state != State.CLOSED) {
      readingPaused = pause;
      if (pause) {
        stream.pauseReading();
      } else {
        stream.resumeReading();
      }
    }
  }

  /** Parses what {@code in} holds for the current state; false when more bytes are needed. */
  private boolean advance(Buffer in) throws HttpProtocolException {
    if (state == State.READING_HEAD) {
      if (in.size() == 0) {
        return false;
      }
      RequestHead parsed = intake.parseHead(in);
      if (parsed == null) {
        timer.headProgress(context.headTimeoutNanos, context.bodyReadTimeoutNanos);
        return false;
      }
      startRequest(parsed);
      return true;
    }
    if (!intake.readBody(in)) {
      timer.after(context.bodyReadTimeoutNanos);
      return false;
    }
    dispatch();
    return true;
  }

  private void startRequest(RequestHead parsed) throws HttpProtocolException {
    h2cPreface.ruleOut();
    timer.headDone();
    if (!intake.start(parsed)) {
      dispatch();
      return;
    }
    state = State.READING_BODY;
    timer.after(context.bodyReadTimeoutNanos);
    if (intake.expectsContinue()) {
      stream.write(new Buffer().write(CONTINUE), null);
    }
  }

  private void dispatch() {
    state = State.HANDLING;
    Request request = intake.take(stream, loop);
    exchange.run(request, intake.match(), intake.isKeepAlive());
  }

  /** The response was written; serve the next request or close. Called by the exchange. */
  void exchangeDone(boolean close) {
    if (state == State.CLOSED) {
      return;
    }
    if (close) {
      closeAfterAnswer(intake.isBodyUnread());
      return;
    }
    intake.clear();
    state = State.READING_HEAD;
    timer.after(context.idleTimeoutNanos);
    if (parsing) {
      return; // answered from inside parse(), which goes on with the next request itself
    }
    if (held.size() > 0) {
      parse(held);
    }
    if (state == State.UPGRADED) {
      if (stream.isInputEnded()) {
        webSocket.ended(new Buffer()); // the client's end came while the earlier request ran
      }
      return;
    }
    if (!isBusy() && stream.isInputEnded()) {
      stream.close(); // what is held is a request cut short by the client's end of input
      return;
    }
    updateReading();
  }

  /** True when the client ended its output and nothing of a further request is held. */
  boolean isLastRequest() {
    return stream.isInputEnded() && held.size() == 0 && stream.bufferedBytes() == 0;
  }

  /** True when the client ended its output while the connection stays open for the answer. */
  boolean isInputEnded() {
    return stream.isInputEnded();
  }

  /**
   * The upgrade to WebSocket was answered 101: the session takes the connection over, with the
   * bytes that arrived after the upgrade request. Called by the exchange, on the loop.
   */
  void upgraded(ServerWebSocketSession session) {
    state = State.UPGRADED;
    webSocket = session;
    timer.stop();
    intake.clear();
    session.start(held);
  }

  /**
   * Marks the state as writing, and starts the read timeout within which the client must take
   * some of the response; the exchange calls this before queueing the response.
   */
  void writing() {
    if (state != State.CLOSED) {
      state = State.WRITING;
      timer.after(context.bodyReadTimeoutNanos);
    }
  }

  private void refuse(HttpProtocolException e) {
    refuse(e.suggestedStatus() > 0 ? e.suggestedStatus() : 400, e.getMessage());
  }

  /** Answers {@code status} to the request being read, then lingers and closes. */
  private void refuse(int status, String reason) {
    log.debug("refusing a request from {} with {}: {}", stream.remoteAddress(), status, reason);
    state = State.WRITING;
    exchange.refuse(status, intake.protocol());
  }

  /**
   * Closes once an answer that ends the connection was written; after an error, once the {@link
   * Linger} ended.
   */
  void closeAfterAnswer(boolean error) {
    if (stream.isInputEnded() || !error && stream.bufferedBytes() == 0 && held.size() == 0) {
      stream.close();
      return;
    }
    state = State.LINGERING;
    discard(held);
    if (state == State.CLOSED) {
      return;
    }
    updateReading();
    timer.after(Linger.DURATION.toNanos());
  }

  /**
   * Closes at once if no exchange is under way, or if the client of a request still being
   * handled has gone; else after the current exchange. For shutdown.
   */
  @Override
  public void drain() {
    if (state == State.UPGRADED) {
      webSocket.goingAway();
    } else if (state == State.READING_HEAD && stream.bufferedBytes() == 0 && held.size() == 0
        && !intake.hasRequest()) {
      stream.close();
    } else if (state == State.HANDLING && stream.isInputEnded()) {
      fail(new IllegalStateException("the client went away and the server shuts down"));
    }
  }

  /** The one path to CLOSED for a failure or a forced close; idempotent. */
  @Override
  public void fail(Throwable cause) {
    if (state != State.CLOSED) {
      log.debug("closing the connection from {}: {}", stream.remoteAddress(), cause.toString());
      stream.close();
    }
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  private void onClosed(Throwable cause) {
    if (state == State.HTTP2) {
      return; // the HTTP/2 connection does its own bookkeeping
    }
    state = State.CLOSED;
    timer.stop();
    exchange.connectionClosed();
    context.connections.remove(this);
  }

  /**
   * The client ended its output (the stream stays open for writes). A request under way is
   * answered if its handler answers within the idle timeout (at once during shutdown); anything
   * else ends the connection here.
   */
  @Override
  public void onEnd(Buffer buffered) {
    if (state == State.HTTP2) {
      http2.onEnd(buffered);
      return;
    }
    if (state == State.UPGRADED && stream.isOpen()) {
      webSocket.ended(buffered);
      return;
    }
    if (!stream.isOpen()) {
      buffered.clear(); // a close that ends both directions; onClosed does the bookkeeping
      return;
    }
    held.write(buffered, buffered.size());
    if (!isBusy()) {
      stream.close(); // idle, a request cut short, or lingering after an error answer
      return;
    }
    exchange.inputEnded();
    timer.after(context.idleTimeoutNanos);
    if (context.draining) {
      drain();
    }
  }

  @Override
  public void onError(Throwable cause) {
    // The close listener does the bookkeeping.
  }

  /**
   * A response whose bytes wait for a client that stopped reading for a whole read timeout is
   * given up; a handler that takes long is not (the server cannot tell slow from stuck).
   */
  private void checkWriteProgress() {
    if (writeStall.check()) {
      fail(new TimeoutException("write stalled"));
      return;
    }
    timer.after(context.bodyReadTimeoutNanos);
  }

  /** The deadline passed: what that means depends on the state. */
  private void onTimer() {
    if (state == State.CLOSED) {
      return;
    }
    if (state == State.HANDLING && !stream.isInputEnded()) {
      timer.after(context.idleTimeoutNanos); // a slow handler is not told from a stuck one
    } else if (state == State.WRITING) {
      checkWriteProgress();
    } else if (state == State.READING_BODY
        || state == State.READING_HEAD && timer.isHeadStarted()) {
      refuse(408, state == State.READING_BODY ? "request body stalled"
          : "request head not complete in time");
    } else {
      fail(new TimeoutException(timeoutReason()));
    }
  }

  private String timeoutReason() {
    if (state == State.HANDLING) {
      return "no answer within the idle timeout to a client that ended its input";
    }
    return state == State.LINGERING ? "linger after an error answer" : "idle timeout";
  }
}
