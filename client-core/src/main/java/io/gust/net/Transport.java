package io.gust.net;

import io.gust.client.TlsInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

  /** True when {@link #transferFrom} may be called: the bytes go to the socket as they are. */
  default boolean canTransferFiles() {
    return false;
  }

  /**
   * Sends up to {@code byteCount} bytes of {@code file} from {@code position} straight to the
   * socket (sendfile): the bytes sent, 0 when the socket is full or the file ends there. Only
   * when {@link #canTransferFiles()}.
   */
  default long transferFrom(FileChannel file, long position, long byteCount) throws IOException {
    throw new UnsupportedOperationException("this transport cannot send files directly");
  }

  /** Sends bytes the transport holds itself; true when it holds none. */
  default boolean flush() throws IOException {
    return true;
  }

  /**
   * Called once by the stream that takes this transport, before any other call: {@code pump}
   * retries the stream's writes and reads on the loop thread, for a transport that finished work
   * outside them (a TLS delegated task) or holds input the socket will not signal again.
   */
  default void attach(Runnable pump) {}

  /**
   * The interest set to register when the stream wants {@code streamOps}: a TLS transport asks
   * for what its handshake waits for, and for write readiness while it holds records.
   */
  default int interestOps(int streamOps) {
    return streamOps;
  }

  /** True when, after {@link #read} returned -1, {@link #write} may still send. */
  default boolean isWritableAfterInputEnd() {
    return true;
  }

  /** True once the input ended without the TLS close_notify that should precede it. */
  default boolean isTruncated() {
    return false;
  }

  /** What the TLS handshake negotiated; null for plain TCP or before the handshake finished. */
  default TlsInfo tlsInfo() {
    return null;
  }

  /** Closes the socket; idempotent and quiet. */
  void close();
}
