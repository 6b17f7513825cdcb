package io.gust.server;

import io.gust.client.TlsOptions;
import io.gust.loop.EventLoop;
import io.gust.loop.IoHandler;
import io.gust.net.ChannelStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket, registered on one loop: accepts connections and hands each to the next
 * loop of the server, round-robin. Loop-confined after {@link #register}.
 */
final class Acceptor implements IoHandler {
  private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
  /** Connections accepted per readiness event before other work gets the loop. */
  private static final int ACCEPTS_PER_EVENT = 256;
  private static final int BACKLOG = 1024;
  private static final Duration BACKOFF = Duration.ofMillis(100);

  private final EventLoop acceptLoop;
  private final List<EventLoop> workers;
  private final ServerContext context;
  private final ServerSocketChannel channel;
  private SelectionKey key;
  private int nextWorker;

  /** Opens and binds the listening socket; blocks briefly, so not on a loop thread. */
  Acceptor(EventLoop acceptLoop, List<EventLoop> workers, ServerContext context,
      InetSocketAddress address) throws IOException {
    this.acceptLoop = acceptLoop;
    this.workers = workers;
    this.context = context;
    this.channel = ServerSocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address, BACKLOG);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** Starts accepting; loop thread only. */
  void register() throws IOException {
    key = acceptLoop.register(channel, SelectionKey.OP_ACCEPT, this);
  }

  @Override
  public void onReady(SelectionKey readyKey) {
    for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
      SocketChannel accepted;
      try {
        accepted = channel.accept();
      } catch (IOException e) {
        backOff(e);
        return;
      }
      if (accepted == null) {
        return;
      }
      context.accepted.incrementAndGet();
      handOver(accepted);
    }
  }

  /**
   * Stops accepting for a moment after a failed accept: out of descriptors, the listening socket
   * would stay ready and the loop would spin on it.
   */
  private void backOff(IOException cause) {
    log.warn("accept failed on {}; pausing accepts for {} ms: {}", channel, BACKOFF.toMillis(),
        cause.toString());
    key.interestOps(0);
    try {
      acceptLoop.schedule(BACKOFF, () -> {
        if (key.isValid()) {
          key.interestOps(SelectionKey.OP_ACCEPT);
        }
      });
    } catch (RejectedExecutionException e) {
      close();
    }
  }

  private void handOver(SocketChannel accepted) {
    try {
      accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
      EventLoop worker = workers.get(nextWorker);
      nextWorker = (nextWorker + 1) % workers.size();
      if (worker == acceptLoop) {
        open(worker, accepted, context);
      } else {
        worker.execute(() -> open(worker, accepted, context));
      }
    } catch (IOException | RejectedExecutionException e) {
      log.debug("dropping an accepted connection: {}", e.toString());
      closeQuietly(accepted);
    }
  }

  /**
   * Takes over an accepted channel on {@code loop}, after a TLS handshake when the server has
   * TLS options; loop thread only. A failed handshake has already closed the channel.
   */
  private static void open(EventLoop loop, SocketChannel channel, ServerContext context) {
    TlsOptions tls = context.tls;
    if (tls == null) {
      ServerConnection.serve(loop, ChannelStream.open(loop, channel), context);
      return;
    }
    ChannelStream.openTlsServer(loop, channel, tls).whenComplete((stream, error) -> {
      if (error != null) {
        log.debug("TLS handshake with a client failed: {}", error.toString());
      } else if (context.draining) {
        stream.close();
      } else if (context.http2 && Http2Alpn.ALPN.equals(
          stream.tlsInfo().applicationProtocol())) {
        Http2ServerConnection.serve(loop, stream, context);
      } else {
        ServerConnection.serve(loop, stream, context);
      }
    });
  }

  /** Stops accepting and closes the listening socket; loop thread only. */
  void close() {
    if (key != null) {
      key.cancel();
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      log.debug("close failed: {}", e.toString());
    }
  }
}
