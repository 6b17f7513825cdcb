package io.gust.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plain-TCP {@link Transport}: reads and writes go straight to the socket. */
final class SocketTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(SocketTransport.class);

  private final SocketChannel channel;

  SocketTransport(SocketChannel channel) {
    this.channel = channel;
  }

  @Override
  public SocketChannel channel() {
    return channel;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return channel.write(src);
  }

  @Override
  public boolean canTransferFiles() {
    return true;
  }

  @Override
  public long transferFrom(FileChannel file, long position, long byteCount) throws IOException {
    return file.transferTo(position, byteCount, channel);
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing a socket failed", e);
    }
  }
}
