package io.gust.client;

import io.gust.http2.ErrorCode;
import io.gust.http2.FlowControlWindow;
import io.gust.http2.Frame;
import io.gust.http2.FrameReader;
import io.gust.http2.FrameWriter;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Exception;
import io.gust.http2.Http2Settings;
import io.gust.http2.ReceiveWindow;
import io.gust.net.ChannelStream;
import io.gust.net.ReadListener;
import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one HTTP/2 connection (RFC 9113): the preface and settings, the streams of
 * the {@link Http2Stream}s it carries ({@link Http2ClientStreams}), flow control in both
 * directions (the connection's windows kept by {@link Http2ClientWindows}), PING, GOAWAY. It is
 * the {@link ReadListener} of its socket and writes frames into one buffer flushed once per pass.
 * Loop-confined.
 *
 * <p>States: OPEN → DRAINING (GOAWAY received, stream ids used up, or a failed PING's deadline
 * pending) → CLOSED; any state → CLOSED. Only an OPEN connection takes new streams, and no more
 * than the server's SETTINGS_MAX_CONCURRENT_STREAMS, or {@link #STREAMS_BEFORE_SETTINGS} before
 * its first SETTINGS. {@link #fail} is the one failure path: it fails every open stream, sends
 * GOAWAY when the error is ours to report, and closes the socket (leaving the pool).
 */
final class Http2ClientConnection implements ReadListener {
  private static final Logger log = LoggerFactory.getLogger(Http2ClientConnection.class);

  enum State { OPEN, DRAINING, CLOSED }

  /**
   * Streams admitted before the server's SETTINGS say how many it takes: one, so that a first
   * burst never meets a lower limit with a volley of refusals; the rest follow the SETTINGS,
   * which servers send at once.
   */
  static final int STREAMS_BEFORE_SETTINGS = 1;
  /** The window each response stream gets; credited back as the application consumes. */
  static final int STREAM_WINDOW = 1 << 20;

  private final ClientContext context;
  private final PooledConnection pooled;
  private final ChannelStream socket;
  private final FrameReader reader = new FrameReader();
  private final FrameWriter writer = new FrameWriter();
  /** Frames written and not yet handed to the socket. */
  private final Buffer out = new Buffer();
  private final Http2ClientStreams streams = new Http2ClientStreams();
  private final Http2ClientWindows windows = new Http2ClientWindows();
  private Http2Settings peer = Http2Settings.DEFAULTS;
  private boolean peerSettingsReceived;
  private State state = State.OPEN;
  private boolean flushScheduled;
  private final Http2Liveness liveness;

  Http2ClientConnection(ClientContext context, PooledConnection pooled, ChannelStream socket) {
    this.context = context;
    this.pooled = pooled;
    this.socket = socket;
    this.liveness = new Http2Liveness(this, context.loop, context.config.idleTimeout);
    reader.setMaxHeaderListSize(context.limits().maxHeadBytes());
  }

  /** Sends the preface and settings, starts reading; the ack is due within the timeout given. */
  void start(Duration settingsTimeout) {
    writer.preface(out);
    writer.settings(out, Http2Settings.DEFAULTS.with(Http2Settings.ENABLE_PUSH, 0)
        .with(Http2Settings.INITIAL_WINDOW_SIZE, STREAM_WINDOW)
        .with(Http2Settings.MAX_HEADER_LIST_SIZE, context.limits().maxHeadBytes()));
    writer.windowUpdate(out, 0, windows.initialCredit());
    liveness.settingsSent(settingsTimeout);
    flush();
    socket.readWith(this);
  }

  /** Whether a new stream may start now. */
  boolean hasCapacity() {
    return state == State.OPEN && streams.size() < streamLimit();
  }

  private long streamLimit() {
    return peerSettingsReceived ? peer.maxConcurrentStreams() : STREAMS_BEFORE_SETTINGS;
  }

  /** Whether this connection takes new streams at all (it may be full for now). */
  boolean takesStreams() {
    return state == State.OPEN;
  }

  /** Streams open on this connection. */
  int activeStreams() {
    return streams.size();
  }

  boolean isOpen() {
    return state != State.CLOSED;
  }

  /** The largest request header list the server said it takes (advisory, RFC 9113 §6.5.2). */
  long peerMaxHeaderListSize() {
    return peer.maxHeaderListSize();
  }

  /** The window a new stream starts with for sending. */
  FlowControlWindow newSendWindow() {
    return new FlowControlWindow(peer.initialWindowSize());
  }

  /** Opens a stream for {@code stream}'s request head; returns its id. */
  int open(Http2Stream stream, List<HeaderField> fields, boolean endStream) {
    int id = streams.add(stream);
    if (streams.isExhausted()) {
      state = State.DRAINING;
    }
    if (liveness.pingBeforeStream()) {
      writer.ping(out, false, Http2Liveness.PING_DATA);
    }
    writer.headers(out, id, endStream, fields);
    flushSoon();
    return id;
  }

  /**
   * A stream timed out: the silence may be the connection's, so a PING checks it, and a
   * connection whose PING goes unanswered within {@link Http2Liveness#PING_TIMEOUT} fails and
   * leaves the pool.
   */
  void streamTimedOut() {
    if (state != State.CLOSED && liveness.ping()) {
      writer.ping(out, false, Http2Liveness.PING_DATA);
      flushSoon();
    }
  }

  /** The octets {@code window}'s stream may send in its next DATA frame. */
  int sendCapacity(FlowControlWindow window) {
    return windows.sendCapacity(window, writer.peerMaxFrameSize());
  }

  /** Writes one DATA frame of {@code byteCount} octets, spent from both windows by the caller's. */
  void data(int streamId, FlowControlWindow window, Buffer source, int byteCount, boolean end) {
    windows.spend(window, byteCount);
    writer.data(out, streamId, end, source, byteCount);
    flushSoon();
  }

  /** {@code stream} has data but no connection window: it hears {@code windowOpened} later. */
  void awaitWindow(Http2Stream stream) {
    windows.awaitWindow(stream);
  }

  /** The application consumed {@code byteCount} octets of a stream: maybe credit its window. */
  void credit(int streamId, ReceiveWindow window, int byteCount) {
    int increment = window.consumed(byteCount);
    if (increment > 0 && streams.contains(streamId)) {
      writer.windowUpdate(out, streamId, increment);
      flushSoon();
    }
  }

  /** Resets a stream the client gives up on; the connection stays open. */
  void reset(int streamId, ErrorCode code) {
    Http2Stream stream = streams.remove(streamId);
    if (stream == null || state == State.CLOSED) {
      return;
    }
    writer.rstStream(out, streamId, code);
    flushSoon();
    streamEnded(stream);
  }

  /** A stream finished normally (both sides ended it). */
  void closed(int streamId) {
    Http2Stream stream = streams.remove(streamId);
    if (stream != null) {
      streamEnded(stream);
    }
  }

  /** {@code stream} left: it waits for no window, and its slot may go to a queued fetch. */
  private void streamEnded(Http2Stream stream) {
    windows.forget(stream);
    if (state == State.DRAINING && streams.isEmpty()) {
      close();
      return;
    }
    if (streams.isEmpty()) {
      liveness.idle();
    }
    context.loop.execute(context.partition::dispatch);
  }

  @Override
  public boolean onReadable(Buffer in) {
    liveness.bytesRead();
    while (state != State.CLOSED) {
      try {
        Frame frame = reader.read(in);
        if (frame == null) {
          break;
        }
        handle(frame);
      } catch (Http2Exception e) {
        if (e.isConnectionError()) {
          fail(e);
        } else {
          streamError(e);
        }
      }
    }
    flush();
    return state != State.CLOSED;
  }

  private void handle(Frame frame) throws Http2Exception {
    if (frame instanceof Frame.Data data) {
      onData(data);
    } else if (frame instanceof Frame.Headers headers) {
      Http2Stream stream = streams.forFrame(headers.streamId());
      if (stream != null) {
        stream.onHeaders(headers.fields(), headers.endStream());
      }
    } else if (frame instanceof Frame.Settings settings) {
      onSettings(settings);
    } else if (frame instanceof Frame.WindowUpdate update) {
      onWindowUpdate(update);
    } else if (frame instanceof Frame.RstStream rst) {
      Http2Stream stream = streams.remove(rst.streamId());
      if (stream != null) {
        stream.onReset(rst.errorCode());
        streamEnded(stream);
      }
    } else if (frame instanceof Frame.Ping ping) {
      onPing(ping);
    } else if (frame instanceof Frame.GoAway goAway) {
      onGoAway(goAway);
    } else {
      throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
          "PUSH_PROMISE after ENABLE_PUSH 0");
    }
  }

  private void onData(Frame.Data data) throws Http2Exception {
    int length = data.flowControlledLength();
    int increment = windows.received(length);
    if (increment > 0) {
      writer.windowUpdate(out, 0, increment);
    }
    Http2Stream stream = streams.forFrame(data.streamId());
    if (stream != null) {
      stream.onData(data.data(), length, data.endStream());
    }
  }

  private void onSettings(Frame.Settings settings) throws Http2Exception {
    if (settings.ack()) {
      liveness.settingsAcknowledged();
      return;
    }
    Http2Settings update = settings.settings();
    if (update.isSet(Http2Settings.INITIAL_WINDOW_SIZE)) {
      windows.resizeStreams((long) update.initialWindowSize() - peer.initialWindowSize(),
          streams.view());
    }
    writer.applyPeerSettings(update);
    peer = peer.mergedWith(update);
    peerSettingsReceived = true;
    writer.settingsAck(out);
    windows.wakeBlocked();
    for (Http2Stream stream : streams.snapshot()) {
      stream.windowOpened();
    }
    context.loop.execute(context.partition::dispatch);
  }

  private void onWindowUpdate(Frame.WindowUpdate update) throws Http2Exception {
    if (update.streamId() == 0) {
      windows.credit(update.increment());
      return;
    }
    Http2Stream stream = streams.forFrame(update.streamId());
    if (stream == null) {
      return;
    }
    if (!stream.creditSend(update.increment())) {
      throw Http2Exception.stream(update.streamId(), ErrorCode.FLOW_CONTROL_ERROR,
          "WINDOW_UPDATE overflows the stream's window");
    }
    stream.windowOpened();
  }

  private void onPing(Frame.Ping ping) {
    if (!ping.ack()) {
      writer.ping(out, true, ping.opaqueData());
    } else {
      liveness.pingAnswered(ping.opaqueData());
    }
  }

  /** Streams the server did not process are retried elsewhere; the others may finish. */
  private void onGoAway(Frame.GoAway goAway) {
    log.debug("GOAWAY {} last stream {} on {}", goAway.errorCode(), goAway.lastStreamId(), socket);
    state = State.DRAINING;
    for (Http2Stream stream : streams.snapshot()) {
      if (stream.id() > goAway.lastStreamId()) {
        streams.remove(stream.id());
        stream.onGoAway(goAway.errorCode());
      }
    }
    if (streams.isEmpty()) {
      close();
    }
  }

  /** A stream error: reset the stream, fail its exchange, keep the connection. */
  private void streamError(Http2Exception e) {
    Http2Stream stream = streams.remove(e.streamId());
    writer.rstStream(out, e.streamId(), e.errorCode());
    if (stream != null) {
      stream.onStreamError(e);
      streamEnded(stream);
    }
  }

  @Override
  public void onEnd(Buffer buffered) {
    fail(new EOFException("the server closed the HTTP/2 connection"));
  }

  @Override
  public void onError(Throwable cause) {
    fail(cause);
  }

  /** The one failure path: every open stream fails with {@code cause}, the socket closes. */
  void fail(Throwable cause) {
    if (state == State.CLOSED) {
      return;
    }
    if (cause instanceof Http2Exception h2 && h2.isConnectionError()) {
      writer.goAway(out, 0, h2.errorCode(), ByteString.EMPTY);
      flush();
    }
    List<Http2Stream> open = streams.removeAll();
    close();
    for (Http2Stream stream : open) {
      stream.onConnectionFailed(cause);
    }
  }

  /** Closes the socket and leaves the pool; idempotent. */
  void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    liveness.stop();
    windows.clear();
    pooled.close();
  }

  private void flushSoon() {
    if (!flushScheduled) {
      flushScheduled = true;
      context.loop.execute(this::flush);
    }
  }

  private void flush() {
    flushScheduled = false;
    if (out.size() > 0 && socket.isOpen()) {
      socket.write(out, null);
    }
  }

  @Override
  public String toString() {
    return "h2 " + socket + " streams=" + streams.size();
  }
}
