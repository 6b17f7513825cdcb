package io.gust.server;

import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.FrameReader;
import io.gust.http2.FrameWriter;
import io.gust.http2.Http2Exception;
import io.gust.http2.Http2Settings;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.ReadListener;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 connection of the companion server (RFC 9113): reads the client's preface and
 * frames, exchanges SETTINGS, answers PING, keeps the flow-control windows both ways, and runs
 * each request's handler on its own stream ({@link Http2Exchange}), many at once. Loop-confined.
 *
 * <p>Stream errors reset only their stream (RST_STREAM); connection errors send GOAWAY with the
 * RFC's code, read and discard for {@link Linger#DURATION} so the GOAWAY is not lost to a
 * reset, then close. Streams past SETTINGS_MAX_CONCURRENT_STREAMS are refused (REFUSED_STREAM).
 * Frames that cost work but carry no request (resets, PING, SETTINGS, empty DATA) are bounded by
 * the budgets of {@link Http2PeerControl}; a client that floods is sent GOAWAY with
 * ENHANCE_YOUR_CALM (the rapid reset of CVE-2023-44487 among them). Request bodies are credited
 * as they are buffered, up to the server's body limit; the handler then gets the whole body, as
 * over HTTP/1.1. The open streams are kept in an {@link Http2StreamTable}.
 *
 * <p>Timeouts: the preface and SETTINGS must arrive within the head timeout; a connection without
 * streams closes (GOAWAY NO_ERROR) after the idle timeout; a request body that stalls for the read
 * timeout is answered 408 on its stream; a client that takes none of the queued output for the
 * read timeout loses the connection. Shutdown sends GOAWAY and lets streams in flight finish.
 *
 * <p>States: PREFACE → SETTINGS (the client's first frame must be SETTINGS) → OPEN → GOING_AWAY
 * (GOAWAY sent or received: no new streams, the rest finish) → CLOSED; any → CLOSING (after a
 * connection error) → CLOSED; any → CLOSED through {@link #fail}.
 */
final class Http2ServerConnection implements ReadListener, ServedConnection {
  private static final Logger log = LoggerFactory.getLogger(Http2ServerConnection.class);
  /** The window each stream starts with for the client's request body. */
  static final int STREAM_WINDOW = 1024 * 1024;
  /** The window the whole connection has for request bodies. */
  static final int CONNECTION_WINDOW = 16 * 1024 * 1024;

  enum State { PREFACE, SETTINGS, OPEN, GOING_AWAY, CLOSING, CLOSED }

  final EventLoop loop;
  final ChannelStream stream;
  final ServerContext context;
  private final FrameReader reader = new FrameReader();
  private final Http2Sender sender;
  private final FrameWriter writer;
  private final Http2Output output;
  private final Http2Requests requests;
  private final Http2StreamTable streams = new Http2StreamTable();
  private final Buffer out;
  private final ConnectionTimer timer;
  private final Http2PeerControl control;
  private State state = State.PREFACE;
  private final WriteStall writeStall;

  private Http2ServerConnection(EventLoop loop, ChannelStream stream, ServerContext context) {
    this.loop = loop;
    this.stream = stream;
    this.context = context;
    this.sender = new Http2Sender(stream, this::streamEnded);
    this.requests = new Http2Requests(this, sender, streams);
    this.writer = sender.writer;
    this.out = sender.out;
    this.output = sender.output;
    this.timer = new ConnectionTimer(loop, this::onTimer, this::fail);
    this.control = new Http2PeerControl(this, sender, streams);
    this.writeStall = new WriteStall(stream);
    reader.setMaxHeaderListSize(context.limits.maxHeadBytes());
  }

  /** Serves HTTP/2 on {@code stream}, whose next bytes are the client's preface. Loop thread. */
  static void serve(EventLoop loop, ChannelStream stream, ServerContext context) {
    if (stream.isOpen()) {
      stream.readWith(takeOver(loop, stream, context));
    }
  }

  /**
   * Serves HTTP/2 on {@code stream} for a caller whose read listener passes every call on to the
   * returned connection (a plain connection that found the preface). Loop thread.
   */
  static Http2ServerConnection takeOver(EventLoop loop, ChannelStream stream,
      ServerContext context) {
    Http2ServerConnection connection = new Http2ServerConnection(loop, stream, context);
    context.connections.add(connection);
    stream.addCloseListener(connection::onClosed);
    connection.start();
    return connection;
  }

  private void start() {
    Http2Settings local = Http2Settings.DEFAULTS
        .with(Http2Settings.MAX_CONCURRENT_STREAMS, context.maxConcurrentStreams)
        .with(Http2Settings.INITIAL_WINDOW_SIZE, STREAM_WINDOW)
        .with(Http2Settings.MAX_HEADER_LIST_SIZE, context.limits.maxHeadBytes());
    writer.settings(out, local);
    writer.windowUpdate(out, 0, CONNECTION_WINDOW - 65_535);
    timer.after(context.headTimeoutNanos);
    sender.flush();
  }

  @Override
  public EventLoop loop() {
    return loop;
  }

  @Override
  public boolean onReadable(Buffer in) {
    if (state == State.CLOSING || state == State.CLOSED) {
      in.clear();
      return state != State.CLOSED;
    }
    sender.startBatch();
    try {
      if (state == State.PREFACE) {
        if (!FrameReader.readPreface(in)) {
          return true;
        }
        state = State.SETTINGS;
      }
      for (Frame frame; isReadingFrames() && (frame = readFrame(in)) != null; ) {
        onFrame(frame);
      }
    } catch (Http2Exception e) {
      connectionError(e.errorCode(), e.getMessage());
    } finally {
      sender.endBatch();
    }
    if (state == State.CLOSING) {
      in.clear();
    }
    return state != State.CLOSED;
  }

  private boolean isReadingFrames() {
    return state == State.SETTINGS || state == State.OPEN || state == State.GOING_AWAY;
  }

  /** The next frame; stream errors the reader finds reset their stream and reading goes on. */
  private Frame readFrame(Buffer in) throws Http2Exception {
    while (true) {
      try {
        return reader.read(in);
      } catch (Http2Exception e) {
        if (e.isConnectionError()) {
          throw e;
        }
        requests.streamError(e);
      }
    }
  }

  private void onFrame(Frame frame) throws Http2Exception {
    if (state == State.SETTINGS) {
      if (!(frame instanceof Frame.Settings settings) || settings.ack()) {
        throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
            "the client's preface is not followed by SETTINGS");
      }
      state = State.OPEN;
      timer.after(context.idleTimeoutNanos);
    }
    if (frame instanceof Frame.Headers headers) {
      requests.onHeaders(headers);
    } else if (frame instanceof Frame.Data data) {
      requests.onData(data);
    } else if (frame instanceof Frame.WindowUpdate update) {
      control.onWindowUpdate(update);
    } else if (frame instanceof Frame.RstStream reset) {
      control.onReset(reset);
    } else if (frame instanceof Frame.Settings settings) {
      control.onSettings(settings);
    } else if (frame instanceof Frame.Ping ping) {
      control.onPing(ping);
    } else if (frame instanceof Frame.GoAway goAway) {
      log.debug("client {} sent GOAWAY {}", stream.remoteAddress(), goAway.errorCode());
      goingAway();
    } else if (frame instanceof Frame.PushPromise) {
      throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE from a client");
    }
  }

  /**
   * The open stream {@code streamId}; null for one already closed (a frame in flight to a stream
   * the server reset is dropped, any other answered STREAM_CLOSED). A stream never opened is a
   * connection error.
   */
  Http2ServerStream streamFor(int streamId, String frameName) throws Http2Exception {
    Http2ServerStream found = streams.get(streamId);
    if (found != null) {
      return found;
    }
    if (streams.isIdle(streamId) || streamId % 2 == 0) {
      throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
          frameName + " on stream " + streamId + ", which the client never opened");
    }
    if (frameName.equals("DATA") && !sender.wasReset(streamId)) {
      spendControl("DATA on a closed stream");
      writeReset(streamId, ErrorCode.STREAM_CLOSED);
    }
    return null;
  }

  /** Opens stream {@code id}, which the caller has checked is new and within the limits. */
  Http2ServerStream open(int id) {
    Http2ServerStream opened = streams.open(id, control.peerInitialWindow(), STREAM_WINDOW,
        loop.nanoTime());
    timer.after(context.bodyReadTimeoutNanos);
    return opened;
  }

  /** Stops {@code target}: the client reset it. */
  void resetByClient(Http2ServerStream target) {
    remove(target);
  }

  /** Spends from the budget of control frames. */
  void spendControl(String what) throws Http2Exception {
    control.spendControl(what);
  }

  /** Spends from the budget of streams reset or refused. */
  void spendReset(String what) throws Http2Exception {
    control.spendReset(what);
  }

  boolean isGoingAway() {
    return state == State.GOING_AWAY;
  }

  /**
   * The server's END_STREAM went out; a request still arriving is stopped with NO_ERROR. Every
   * stream of a closed connection was removed, so the sender's checks of {@code localClosed}
   * also stop responses after the connection closed.
   */
  private void streamEnded(Http2ServerStream target) {
    target.localClosed = true;
    if (!target.remoteClosed) {
      writeReset(target.id, ErrorCode.NO_ERROR);
    }
    remove(target);
  }

  /** Ends {@code target} with RST_STREAM and {@code code}; the connection goes on. */
  void resetStream(Http2ServerStream target, ErrorCode code) {
    if (!streams.holds(target)) {
      return;
    }
    writeReset(target.id, code);
    remove(target);
    sender.flushUnlessBatching();
  }

  /** Writes RST_STREAM for {@code streamId}; frames still in flight to it are then dropped. */
  void writeReset(int streamId, ErrorCode code) {
    sender.writeReset(streamId, code);
  }

  private void remove(Http2ServerStream target) {
    if (streams.remove(target) && streams.isEmpty()) {
      if (state == State.GOING_AWAY) {
        closeAfterWrite();
      } else {
        timer.after(context.idleTimeoutNanos);
      }
    }
  }

  /** GOAWAY sent or received: no new streams; closes once the open ones finished. */
  private void goingAway() {
    if (state == State.OPEN || state == State.SETTINGS) {
      state = State.GOING_AWAY;
    }
    if (streams.isEmpty()) {
      closeAfterWrite();
    }
  }

  /** Shutdown: GOAWAY with NO_ERROR, then the streams in flight finish. */
  @Override
  public void drain() {
    if (state == State.PREFACE || state == State.SETTINGS) {
      fail(new IOException("the server shuts down"));
      return;
    }
    if (state == State.OPEN) {
      writer.goAway(out, streams.lastStreamId(), ErrorCode.NO_ERROR, ByteString.EMPTY);
      goingAway();
      sender.flushUnlessBatching();
    }
  }

  private void closeAfterWrite() {
    state = State.CLOSING;
    timer.stop();
    stream.write(out, stream::close);
  }

  /** Sends GOAWAY with {@code code}, drops every stream, lingers briefly and closes. */
  void connectionError(ErrorCode code, String message) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    log.debug("HTTP/2 connection error with {}: {} {}", stream.remoteAddress(), code, message);
    state = State.CLOSING;
    ByteString debug = ByteString.encodeUtf8(message.length() > 200 ? message.substring(0, 200)
        : message);
    writer.goAway(out, streams.lastStreamId(), code, debug);
    for (Http2ServerStream each : streams.list()) {
      remove(each);
    }
    timer.after(Linger.DURATION.toNanos());
    sender.flushUnlessBatching();
  }

  @Override
  public void fail(Throwable cause) {
    if (state != State.CLOSED) {
      log.debug("closing the HTTP/2 connection from {}: {}", stream.remoteAddress(),
          cause.toString());
      stream.close();
    }
  }

  private void onClosed(Throwable cause) {
    state = State.CLOSED;
    timer.stop();
    out.clear();
    for (Http2ServerStream each : streams.list()) {
      remove(each);
    }
    context.connections.remove(this);
  }

  @Override
  public void onEnd(Buffer buffered) {
    buffered.clear();
    if (stream.isOpen() && (state == State.OPEN || state == State.GOING_AWAY)) {
      goingAway(); // a half close (h2c): the streams in flight are still answered
    } else {
      fail(new IOException("the client ended the connection"));
    }
  }

  @Override
  public void onError(Throwable cause) {
    // The close listener does the bookkeeping.
  }

  /** The deadline passed: what that means depends on the state. */
  private void onTimer() {
    switch (state) {
      case PREFACE, SETTINGS -> fail(new TimeoutException("no HTTP/2 preface in time"));
      case CLOSING -> fail(new IOException("linger after GOAWAY"));
      case OPEN, GOING_AWAY -> checkStreams();
      default -> { }
    }
  }

  /**
   * Idle without streams: GOAWAY and close. Otherwise gives up on a client that took none of the
   * queued output for a whole read timeout, resets (CANCEL) the streams whose body the client's
   * windows held back for as long, and answers 408 to request bodies that stalled.
   */
  private void checkStreams() {
    if (streams.isEmpty()) {
      writer.goAway(out, streams.lastStreamId(), ErrorCode.NO_ERROR,
          ByteString.encodeUtf8("idle"));
      closeAfterWrite();
      return;
    }
    if (writeStall.check()) {
      fail(new TimeoutException("write stalled"));
      return;
    }
    long now = loop.nanoTime();
    for (Http2ServerStream each : streams.list()) {
      if (each.hasOutput() && now - each.lastOutputNanos >= context.bodyReadTimeoutNanos) {
        log.debug("{} waited {} ms for the client's window; resetting it", each,
            (now - each.lastOutputNanos) / 1_000_000);
        resetStream(each, ErrorCode.CANCEL);
      }
    }
    requests.answerStalled(streams.list(), now);
    timer.after(context.bodyReadTimeoutNanos);
  }
}
