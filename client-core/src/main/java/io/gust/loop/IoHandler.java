package io.gust.loop;

import java.nio.channels.SelectionKey;

/**
 * Receives readiness events for one channel registered on an {@link EventLoop}.
 *
 * <p>Both methods run on the loop thread and must not block. A handler owns its channel: the
 * loop closes the channel only when the handler failed or the loop itself is closing, and tells
 * the handler through {@link #onFailure}.
 */
public interface IoHandler {
  /** The channel is ready for the operations in {@code key.readyOps()}. */
  void onReady(SelectionKey key);

  /**
   * Called once when {@link #onReady} threw or when the loop closes while the channel is still
   * registered. The loop closes the channel right after this returns.
   */
  default void onFailure(Throwable cause) {}
}
