package io.gust.net;

import okio.Buffer;

/**
 * Receives the bytes of a {@link ChannelStream#readStream streaming read} as they arrive.
 *
 * <p>All methods run on the stream's loop thread. Exactly one of {@link #onEnd} and {@link
 * #onError} ends the read. To slow the sender down, call {@link ChannelStream#pauseReading()}
 * (even from inside {@link #onData}) and {@link ChannelStream#resumeReading()} later. A method
 * that throws fails the stream with that exception.
 */
public interface StreamConsumer {
  /** New bytes; the chunk is the consumer's to keep, consume or recycle. Never empty. */
  void onData(Buffer chunk);

  /**
   * The peer ended its output cleanly after every byte was handed to {@link #onData}: it closed
   * the connection, or only its sending side on a stream that {@link
   * ChannelStream#allowHalfClose() allows a half close}.
   */
  void onEnd();

  /** The stream failed or was closed locally; no more calls follow. */
  void onError(Throwable cause);
}
