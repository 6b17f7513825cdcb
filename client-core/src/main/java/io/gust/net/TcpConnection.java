package io.gust.net;

import io.gust.client.TlsOptions;
import io.gust.loop.EventLoop;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * A freshly connected, non-blocking TCP socket from {@link TcpConnector}, and the address that
 * won the race.
 *
 * <p>The channel stays registered with the connecting loop, with no interest, until a stream
 * takes it over: open the stream with {@link #openStream()} on that loop (or wrap the channel in
 * a TLS transport there). Whoever holds this object owns the channel and must close it or hand it
 * to a stream; if the loop closes first, the loop closes it.
 */
public final class TcpConnection {
  private final EventLoop loop;
  private final SocketChannel channel;
  private final InetSocketAddress remoteAddress;

  TcpConnection(EventLoop loop, SocketChannel channel, InetSocketAddress remoteAddress) {
    this.loop = loop;
    this.channel = channel;
    this.remoteAddress = remoteAddress;
  }

  /** The connected channel, with TCP_NODELAY on. */
  public SocketChannel channel() {
    return channel;
  }

  /** The address this connection reached: the one that won. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The loop the channel is registered with. */
  public EventLoop loop() {
    return loop;
  }

  /** A stream over this connection with the default read buffer cap; loop thread only. */
  public ChannelStream openStream() {
    return ChannelStream.open(loop, channel);
  }

  /** A stream over this connection with the given read buffer cap; loop thread only. */
  public ChannelStream openStream(long readBufferCapBytes) {
    return ChannelStream.open(loop, channel, readBufferCapBytes);
  }

  /**
   * A TLS client stream over this connection for {@code peerHost} (the name from the URL, or an
   * IP literal), on the connection's port; loop thread only. See {@link ChannelStream#openTls}.
   */
  public CompletableFuture<ChannelStream> openTlsStream(TlsOptions options, String peerHost) {
    return ChannelStream.openTls(loop, channel, options, peerHost, remoteAddress.getPort());
  }

  @Override
  public String toString() {
    return "TcpConnection{" + SocketAddresses.format(remoteAddress) + "}";
  }
}
