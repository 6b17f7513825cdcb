package io.gust.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Moves bytes between a {@link ChannelStream} and its socket: the seam where TLS slots in.
 *
 * <p>The plain transport passes bytes straight through. A TLS transport over {@code SSLEngine}
 * reads ciphertext and returns plaintext from {@link #read}, encrypts in {@link #write}, drives
 * its handshake inside both (returning 0 while it waits for the network), and holds records it
 * could not send yet until {@link #flush} drains them; the stream keeps write interest while
 * {@code flush} returns false. Loop-confined.
 */
interface Transport {
  /** The socket underneath, for registration and socket options. */
  SocketChannel channel();

  /** Reads into {@code dst}: the bytes read, 0 when none are ready, -1 at end of input. */
  int read(ByteBuffer dst) throws IOException;

  /** Writes from {@code src}: the bytes of {@code src} consumed, 0 when the socket is full. */
  int write(ByteBuffer src) throws IOException;

  /** Sends bytes the transport holds itself; true when it holds none. */
  default boolean flush() throws IOException {
    return true;
  }

  /** Closes the socket; idempotent and quiet. */
  void close();
}
