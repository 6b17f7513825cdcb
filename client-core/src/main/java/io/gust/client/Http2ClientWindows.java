package io.gust.client;

import io.gust.http2.ErrorCode;
import io.gust.http2.FlowControlWindow;
import io.gust.http2.Http2Exception;
import io.gust.http2.ReceiveWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The connection-level flow control of an {@link Http2ClientConnection} (RFC 9113 §5.2 and
 * §6.9): what the client may still send on the whole connection, shared by every stream's
 * request body, with the streams waiting for it; and what the server may still send, credited
 * back as bytes arrive, so that one slow reader holds only its own stream's window. The frames
 * themselves are the connection's to write. Loop-confined.
 */
final class Http2ClientWindows {
  /** The connection's receive window; credited back as bytes arrive. */
  static final int CONNECTION_WINDOW = 16 << 20;

  private final FlowControlWindow sendWindow = new FlowControlWindow(65_535);
  private final ReceiveWindow receiveWindow = new ReceiveWindow(65_535, CONNECTION_WINDOW);
  /** Streams with data to send that wait for the connection window, in the order they asked. */
  private final List<Http2Stream> blocked = new ArrayList<>();

  /** The increment that raises the server's view of the connection window to its full size. */
  int initialCredit() {
    return receiveWindow.consumed(0);
  }

  /** The octets a stream whose own window is {@code window} may send in its next DATA frame. */
  int sendCapacity(FlowControlWindow window, int maxFrameSize) {
    return Math.min(Math.min(window.available(), sendWindow.available()), maxFrameSize);
  }

  /** Spends {@code byteCount} octets from {@code window} and from the connection's window. */
  void spend(FlowControlWindow window, int byteCount) {
    window.consume(byteCount);
    sendWindow.consume(byteCount);
  }

  /** {@code stream} has data but no connection window: it hears {@code windowOpened} later. */
  void awaitWindow(Http2Stream stream) {
    if (!blocked.contains(stream)) {
      blocked.add(stream);
    }
  }

  /** {@code stream} ended: it waits for the window no more. */
  void forget(Http2Stream stream) {
    blocked.remove(stream);
  }

  /**
   * The server sent DATA of {@code length} flow-controlled octets; returns the WINDOW_UPDATE
   * increment due on the connection, or 0.
   *
   * @throws Http2Exception a connection error (FLOW_CONTROL_ERROR) for DATA past the window
   */
  int received(int length) throws Http2Exception {
    if (!receiveWindow.receive(length)) {
      throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
          "DATA past the connection window");
    }
    return receiveWindow.consumed(length);
  }

  /**
   * The server credited the connection window by {@code increment}: the waiting streams hear of
   * it.
   *
   * @throws Http2Exception a connection error (FLOW_CONTROL_ERROR) when the window overflows
   */
  void credit(int increment) throws Http2Exception {
    if (!sendWindow.credit(increment)) {
      throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
          "WINDOW_UPDATE overflows the connection window");
    }
    wakeBlocked();
  }

  /**
   * The server changed SETTINGS_INITIAL_WINDOW_SIZE by {@code delta}: every open stream's send
   * window moves by as much (RFC 9113 §6.9.2), and may go negative.
   *
   * @throws Http2Exception a connection error (FLOW_CONTROL_ERROR) when a window overflows
   */
  void resizeStreams(long delta, Collection<Http2Stream> streams) throws Http2Exception {
    for (Http2Stream stream : streams) {
      if (!stream.creditSend(delta)) {
        throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
            "SETTINGS_INITIAL_WINDOW_SIZE overflows a stream's window");
      }
    }
  }

  /** Tells the streams waiting for the connection window, in turn, while it has room. */
  void wakeBlocked() {
    while (!blocked.isEmpty() && sendWindow.available() > 0) {
      blocked.remove(0).windowOpened();
    }
  }

  /** The connection closed: nobody waits any more. */
  void clear() {
    blocked.clear();
  }
}
