package io.gust.websocket;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The data messages of a pull-style {@link WebSocketEndpoint} on their way to the application:
 * the one pending {@code receive()}, or the messages read ahead of it, whose bytes the endpoint
 * bounds with its read-ahead. Loop-confined.
 */
final class ReceiveQueue<M> {
  private final WebSocketEndpoint<M> endpoint;
  /** Messages read ahead, oldest first; null until the first one. */
  private ArrayDeque<WebSocketMessage> ready;
  private long readyBytes;
  /** The receive waiting for a message, or null; only while {@link #ready} is empty. */
  private CompletableFuture<M> pending;

  ReceiveQueue(WebSocketEndpoint<M> endpoint) {
    this.endpoint = endpoint;
  }

  boolean hasPending() {
    return pending != null;
  }

  /** True while a message may be read ahead without passing the bound. */
  boolean hasRoom() {
    return readyBytes < endpoint.settings.readAheadBytes();
  }

  /** Completes {@code next} with the oldest message read ahead; false when there is none. */
  boolean takeReady(CompletableFuture<M> next) {
    WebSocketMessage message = ready == null ? null : ready.poll();
    if (message == null) {
      return false;
    }
    readyBytes -= message.payload().size();
    next.complete(endpoint.toPublic(message));
    return true;
  }

  /** Waits with {@code next} for the next message. */
  void await(CompletableFuture<M> next) {
    pending = next;
  }

  /** A message arrived: it completes the pending receive, or waits for the next one. */
  void offer(WebSocketMessage message) {
    if (pending != null) {
      CompletableFuture<M> receive = pending;
      pending = null;
      receive.complete(endpoint.toPublic(message));
      return;
    }
    if (ready == null) {
      ready = new ArrayDeque<>(4);
    }
    ready.add(message);
    readyBytes += message.payload().size();
  }

  /** Removes and returns the pending receive, or null. */
  CompletableFuture<M> takePending() {
    CompletableFuture<M> receive = pending;
    pending = null;
    return receive;
  }
}
