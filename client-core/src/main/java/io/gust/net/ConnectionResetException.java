package io.gust.net;

import java.io.IOException;

/**
 * The peer reset the connection (a TCP RST), so bytes in flight may have been lost. The cause is
 * the JDK's exception.
 */
public final class ConnectionResetException extends IOException {
  ConnectionResetException(IOException cause) {
    super("connection reset by peer", cause);
  }
}
