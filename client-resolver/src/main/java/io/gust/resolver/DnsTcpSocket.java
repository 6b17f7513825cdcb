package io.gust.resolver;

import io.gust.loop.EventLoop;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking TCP connection for one query, used when the UDP answer came back truncated:
 * each message travels with a two-byte length prefix (RFC 1035 section 4.2.2, RFC 7766). Reads
 * one answer; the exchange closes it after that.
 */
final class DnsTcpSocket extends DnsSocket {
  private final SocketChannel channel;
  private final ByteBuffer out;
  private final ByteBuffer lengthPrefix = ByteBuffer.allocate(2);
  /** The answer being read, once its length is known. */
  private ByteBuffer in;

  private DnsTcpSocket(SocketChannel channel, byte[] query, Receiver receiver) {
    super(channel, receiver);
    this.channel = channel;
    this.out = ByteBuffer.allocate(2 + query.length);
    out.putShort((short) query.length).put(query).flip();
  }

  /** Connects to {@code server} and queues {@code query}, registered on {@code loop}. */
  static DnsTcpSocket open(EventLoop loop, InetSocketAddress server, byte[] query,
      Receiver receiver) throws IOException {
    SocketChannel channel = SocketChannel.open();
    DnsTcpSocket socket = new DnsTcpSocket(channel, query, receiver);
    socket.register(loop,
        () -> channel.connect(server) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
    return socket;
  }

  @Override
  public void onReady(SelectionKey key) {
    try {
      if (key.isConnectable() && channel.finishConnect()) {
        key.interestOps(SelectionKey.OP_WRITE);
      }
      if (key.isValid() && key.isWritable()) {
        channel.write(out);
        if (!out.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
      }
      if (key.isValid() && key.isReadable()) {
        read();
      }
    } catch (IOException e) {
      fail(e);
    }
  }

  private void read() throws IOException {
    if (in == null) {
      if (channel.read(lengthPrefix) < 0) {
        throw new EOFException("DNS server closed the connection before answering");
      }
      if (lengthPrefix.hasRemaining()) {
        return;
      }
      in = ByteBuffer.allocate(lengthPrefix.getShort(0) & 0xffff);
    }
    if (channel.read(in) < 0 && in.hasRemaining()) {
      throw new EOFException("DNS server closed the connection in the middle of an answer");
    }
    if (!in.hasRemaining()) {
      receiver.onMessage(this, in.array(), in.capacity());
    }
  }
}
