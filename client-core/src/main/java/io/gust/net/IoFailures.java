package io.gust.net;

import java.io.IOException;

/** Turns the JDK's raw socket exceptions into this package's typed ones. */
final class IoFailures {
  private IoFailures() {}

  /**
   * A reset for "Connection reset" (reading or writing after an RST) and "Broken pipe" (writing
   * after the peer has torn the connection down); any other exception unchanged.
   */
  static IOException translate(IOException e) {
    String message = e.getMessage();
    if (message != null
        && (message.contains("Connection reset") || message.contains("Broken pipe"))) {
      return new ConnectionResetException(e);
    }
    return e;
  }
}
