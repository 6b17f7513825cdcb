package io.gust.server;

import io.gust.net.ChannelStream;
import io.gust.websocket.WebSocketMessage;
import io.gust.websocket.WebSocketProtocolException;
import io.gust.websocket.WebSocketReader;
import okio.Buffer;

/**
 * The receive side of a {@link ServerWebSocketSession}: the bytes the connection delivered, read
 * into messages with the codec's reader only while the session wants one, and the socket read
 * only then too: a pull handler that does not ask for the next message leaves at most one
 * socket read's worth of bytes here, and TCP flow control slows the client. Nested calls (a
 * message completes a receive whose callback receives again) let the outer loop go on instead
 * of growing the stack. Loop-confined; the session releases the reader.
 */
final class SessionReads {
  private final ServerWebSocketSession session;
  private final ChannelStream stream;
  private final WebSocketReader reader;
  /** Bytes of the connection not yet read into messages. */
  private final Buffer inbox = new Buffer();
  private boolean pumping;
  private boolean repump;
  private boolean paused;
  /** The peer ended its output: no bytes beyond {@link #inbox} will come. */
  private boolean inputEnded;

  SessionReads(ServerWebSocketSession session, WebSocketReader reader) {
    this.session = session;
    this.stream = session.stream;
    this.reader = reader;
  }

  /** Takes the bytes that came after the upgrade request, before any newer ones. */
  void start(Buffer leftover) {
    inbox.write(leftover, leftover.size());
    paused = stream.isReadingPaused();
  }

  /** New bytes from the connection. */
  void onReadable(Buffer in) {
    inbox.write(in, in.size());
    pump();
  }

  /**
   * The peer ended its output: what is buffered is still read as the session asks for it (a
   * close frame among it ends the session cleanly); a session that needs more bytes dropped.
   */
  void onEnd(Buffer buffered) {
    inbox.write(buffered, buffered.size());
    inputEnded = true;
    pump();
  }

  /** Reads messages while the session wants them, then reads the socket only if it still does. */
  void pump() {
    if (pumping) {
      repump = true;
      return;
    }
    pumping = true;
    try {
      do {
        repump = false;
        readMessages();
      } while (repump);
    } finally {
      pumping = false;
    }
    updateReading();
  }

  private void readMessages() {
    while (session.wantsMessages()) {
      WebSocketMessage message;
      try {
        message = reader.read(inbox);
      } catch (WebSocketProtocolException e) {
        session.fail(e, e.closeCode());
        return;
      }
      if (message == null) {
        if (inputEnded) {
          session.dropped();
        }
        return;
      }
      session.dispatch(message);
    }
  }

  private void updateReading() {
    boolean pause = !session.wantsMessages();
    if (pause != paused && stream.isOpen() && !inputEnded) {
      paused = pause;
      if (pause) {
        stream.pauseReading();
      } else {
        stream.resumeReading();
      }
    }
  }

  /** True while the socket is not read because the session wants no message. */
  boolean isPaused() {
    return paused;
  }

  /** Releases the reader's decompressor and what is buffered. */
  void close() {
    reader.close();
    inbox.clear();
  }
}
