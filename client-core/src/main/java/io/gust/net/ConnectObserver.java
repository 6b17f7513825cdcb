package io.gust.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Hears each address a {@link TcpConnector} tries: for the client's event listeners. Called on
 * the loop thread; must not throw or block.
 */
public interface ConnectObserver {
  /** Hears nothing. */
  ConnectObserver NONE = new ConnectObserver() { };

  /** A connect to {@code address} begins. */
  default void connectStarted(InetSocketAddress address) {
  }

  /** The connect to {@code address} won. */
  default void connectSucceeded(InetSocketAddress address) {
  }

  /** The connect to {@code address} failed, or was abandoned (another won, timeout, cancel). */
  default void connectFailed(InetSocketAddress address, IOException cause) {
  }
}
