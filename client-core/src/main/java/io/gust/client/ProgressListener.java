package io.gust.client;

/**
 * Hears how far an exchange has got, after each write to or read from the connection. Runs on
 * the loop thread unless the client was given a callback executor; it must not block.
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Reports body bytes sent and received so far; a total is -1 while it is unknown (chunked or
   * until-close bodies, or before the response head arrived).
   */
  void onProgress(long bytesSent, long sendTotal, long bytesReceived, long receiveTotal);
}
