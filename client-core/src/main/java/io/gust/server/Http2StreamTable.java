package io.gust.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of an {@link Http2ServerConnection} as RFC 9113 §5.1 sees them: those open now, by
 * id, and the highest id the client has used, which splits the idle streams (above it) from the
 * closed ones. A stream leaves the table when both sides ended it or either reset it; leaving
 * stops its output and its handler. The connection decides what an empty table means (idle
 * timer, or the end of a GOAWAY's drain). Loop-confined.
 */
final class Http2StreamTable {
  private final Map<Integer, Http2ServerStream> streams = new HashMap<>();
  /** The highest stream id the client used, opened or not. */
  private int lastStreamId;

  /** The open stream {@code id}, or null. */
  Http2ServerStream get(int id) {
    return streams.get(id);
  }

  /** Whether the client has not used stream {@code id} yet (it is above every id used). */
  boolean isIdle(int id) {
    return id > lastStreamId;
  }

  /** The highest stream id the client used: the last one a GOAWAY may say was processed. */
  int lastStreamId() {
    return lastStreamId;
  }

  /** The client used stream {@code id} without the server opening it (ignored or refused). */
  void skip(int id) {
    lastStreamId = Math.max(lastStreamId, id);
  }

  /** Opens stream {@code id}, which the caller has checked is new and within the limits. */
  Http2ServerStream open(int id, int sendWindow, int receiveWindow, long nowNanos) {
    lastStreamId = id;
    Http2ServerStream opened = new Http2ServerStream(id, sendWindow, receiveWindow, nowNanos);
    streams.put(id, opened);
    return opened;
  }

  /** Whether {@code target} is still open here. */
  boolean holds(Http2ServerStream target) {
    return streams.get(target.id) == target;
  }

  /** The streams open now, in a copy. */
  List<Http2ServerStream> list() {
    return new ArrayList<>(streams.values());
  }

  /** The number of streams open now. */
  int size() {
    return streams.size();
  }

  boolean isEmpty() {
    return streams.isEmpty();
  }

  /**
   * Takes {@code target} out, marks it closed both ways, fails the writes still waiting for the
   * windows and cancels its exchange; returns false when it was not open.
   */
  boolean remove(Http2ServerStream target) {
    if (streams.remove(target.id) == null) {
      return false;
    }
    target.remoteClosed = true;
    target.localClosed = true;
    target.discardOutput(new IOException("the stream was reset"));
    if (target.exchange != null) {
      target.exchange.cancel();
    }
    return true;
  }
}
