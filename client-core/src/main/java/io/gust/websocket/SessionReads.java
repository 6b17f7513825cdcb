package io.gust.websocket;

import io.gust.net.ChannelStream;
import io.gust.net.ReadListener;
import okio.Buffer;

/**
 * The receive side of a {@link WebSocketEndpoint}: the bytes the connection delivered, read into
 * messages with the codec's reader while the endpoint wants them, and the socket read only then
 * too: a pull-style receiver that does not ask for the next message leaves at most its read-ahead
 * and one socket read's worth of bytes here, and TCP flow control slows the peer. Nested calls (a
 * message completes a receive whose callback receives again) let the outer loop go on instead of
 * growing the stack. Loop-confined; {@link #close()} releases the reader.
 *
 * <p>It is the stream's {@link ReadListener} on a client; a server connection forwards its reads.
 */
final class SessionReads implements ReadListener {
  private final WebSocketEndpoint<?> endpoint;
  private final ChannelStream stream;
  private final WebSocketReader reader;
  /** Bytes of the connection not yet read into messages. */
  private final Buffer inbox = new Buffer();
  private boolean pumping;
  private boolean repump;
  private boolean paused;
  private boolean closed;
  /** The peer ended its output: no bytes beyond {@link #inbox} will come. */
  private boolean inputEnded;

  SessionReads(WebSocketEndpoint<?> endpoint, WebSocketReader reader) {
    this.endpoint = endpoint;
    this.stream = endpoint.stream;
    this.reader = reader;
  }

  /** Takes the bytes that came after the upgrade, before any newer ones. */
  void start(Buffer leftover) {
    inbox.write(leftover, leftover.size());
    paused = stream.isReadingPaused();
  }

  /** New bytes from the connection; true while the stream is open. */
  @Override
  public boolean onReadable(Buffer in) {
    endpoint.bytesRead();
    if (closed) {
      in.clear(); // the endpoint ended and only waits for the connection to end
    } else {
      inbox.write(in, in.size());
      pump();
    }
    return stream.isOpen();
  }

  /**
   * The peer ended its output: what is buffered is still read as the endpoint asks for it (a
   * close frame among it ends the endpoint cleanly); an endpoint that needs more bytes dropped.
   */
  @Override
  public void onEnd(Buffer buffered) {
    inbox.write(buffered, buffered.size());
    inputEnded = true;
    pump();
    if (closed) {
      stream.close(); // the close handshake is over and the peer ended the connection
    }
  }

  @Override
  public void onError(Throwable cause) {
    // The stream's close listener tells the endpoint.
  }

  /** Reads messages while the endpoint wants them, then reads the socket only if it still does. */
  void pump() {
    if (pumping) {
      repump = true;
      return;
    }
    pumping = true;
    endpoint.sends.hold();
    try {
      do {
        repump = false;
        readMessages();
      } while (repump);
    } finally {
      pumping = false;
      endpoint.sends.release();
    }
    updateReading();
  }

  private void readMessages() {
    while (!closed && endpoint.wantsMessages()) {
      WebSocketMessage message;
      try {
        message = reader.read(inbox);
      } catch (WebSocketProtocolException e) {
        endpoint.fail(e, e.closeCode());
        return;
      }
      if (message == null) {
        if (inputEnded) {
          endpoint.dropped();
        }
        return;
      }
      endpoint.dispatch(message);
    }
  }

  private void updateReading() {
    boolean pause = !endpoint.wantsMessages() && !endpoint.awaitsEnd();
    if (pause != paused && stream.isOpen() && !inputEnded) {
      paused = pause;
      if (pause) {
        stream.pauseReading();
      } else {
        stream.resumeReading();
      }
    }
  }

  /** True while the socket is not read because the endpoint wants no message. */
  boolean isPaused() {
    return paused;
  }

  /** Releases the reader's decompressor and what is buffered; later bytes are dropped. */
  void close() {
    closed = true;
    reader.close();
    inbox.clear();
  }
}
