package io.gust.resolver;

import io.gust.loop.EventLoop;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A UDP socket for one query: bound to a fresh ephemeral port (a new random source port per
 * query, RFC 5452), connected to the server so that the kernel drops datagrams from anyone else.
 */
final class DnsUdpSocket extends DnsSocket {
  /** The largest UDP datagram; one receive buffer per loop thread, reused by every query. */
  private static final int MAX_DATAGRAM = 65_535;
  private static final ThreadLocal<ByteBuffer> RECEIVE_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(MAX_DATAGRAM));
  /** Datagrams read per readiness event before yielding to the rest of the loop. */
  private static final int READS_PER_EVENT = 16;

  private final DatagramChannel channel;

  private DnsUdpSocket(DatagramChannel channel, Receiver receiver) {
    super(channel, receiver);
    this.channel = channel;
  }

  /** Sends {@code query} to {@code server} from a new socket registered on {@code loop}. */
  static DnsUdpSocket open(EventLoop loop, InetSocketAddress server, byte[] query,
      Receiver receiver) throws IOException {
    DatagramChannel channel = DatagramChannel.open(server.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    DnsUdpSocket socket = new DnsUdpSocket(channel, receiver);
    socket.register(loop, () -> {
      channel.bind(null);
      channel.connect(server);
      if (channel.write(ByteBuffer.wrap(query)) != query.length) {
        throw new IOException("UDP send buffer full");
      }
      return SelectionKey.OP_READ;
    });
    return socket;
  }

  @Override
  public void onReady(SelectionKey key) {
    ByteBuffer buffer = RECEIVE_BUFFER.get();
    for (int i = 0; i < READS_PER_EVENT && channel.isOpen(); i++) {
      buffer.clear();
      int length;
      try {
        length = channel.read(buffer);
      } catch (IOException e) {
        // Typically PortUnreachableException: nothing listens on the server's port.
        fail(e);
        return;
      }
      if (length <= 0) {
        return;
      }
      receiver.onMessage(this, buffer.array(), length);
    }
  }
}
