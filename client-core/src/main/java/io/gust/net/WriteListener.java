package io.gust.net;

/**
 * Hears when the bytes of one {@link ChannelStream#write(okio.Buffer, WriteListener) write} have
 * been handed to the socket, without a future per write.
 *
 * <p>Runs on the stream's loop thread, after the listeners of earlier writes. A listener that
 * throws is logged and the stream goes on.
 */
@FunctionalInterface
public interface WriteListener {
  /** Every byte of the write has been written to the socket. */
  void onWritten();

  /** The stream failed or closed before every byte was written. */
  default void onWriteFailed(Throwable cause) {}
}
