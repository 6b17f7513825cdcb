package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.onLoop;

import io.gust.client.TlsOptions;
import io.gust.loop.EventLoop;
import io.gust.testing.OpenFiles;
import io.gust.testing.TlsCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A client loop and a server loop, a plain listening socket for Gust TLS servers, JDK TLS
 * servers on demand, and a check on close that every stream, socket and descriptor the test
 * opened was released.
 */
final class TlsFixture implements AutoCloseable {
  private static boolean warmedUp;

  /** The client side's loop; the fixture closes it. */
  final EventLoop clientLoop;
  final EventLoop serverLoop = EventLoop.builder().name("gust-loop-server").build();
  final ServerSocketChannel listener;
  private final List<ChannelStream> streams = new ArrayList<>();
  private final List<JdkServer> jdkServers = new ArrayList<>();
  private final int openFilesBefore;

  TlsFixture() throws Exception {
    this(EventLoop.builder().name("gust-loop-client").build());
  }

  /** A fixture whose client side runs on {@code clientLoop} (one on a test's clock, say). */
  TlsFixture(EventLoop clientLoop) throws Exception {
    this.clientLoop = clientLoop;
    listener = ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    warmUp();
    openFilesBefore = OpenFiles.count();
  }

  /** One handshake before the first count, so lazily opened JDK files are not taken for leaks. */
  private void warmUp() throws Exception {
    synchronized (TlsFixture.class) {
      if (warmedUp) {
        return;
      }
      warmedUp = true;
    }
    open();
    closeStreams();
  }

  int port() throws IOException {
    return ((InetSocketAddress) listener.getLocalAddress()).getPort();
  }

  /** A Gust TLS client and a Gust TLS server, connected over loopback. */
  Pair connect(TlsOptions clientOptions, TlsOptions serverOptions, String host) throws Exception {
    SocketChannel clientChannel = SocketChannel.open(listener.getLocalAddress());
    SocketChannel serverChannel = listener.accept();
    CompletableFuture<ChannelStream> server = track(onLoop(serverLoop,
        () -> ChannelStream.openTlsServer(serverLoop, serverChannel, serverOptions)));
    CompletableFuture<ChannelStream> client = track(onLoop(clientLoop,
        () -> ChannelStream.openTls(clientLoop, clientChannel, clientOptions, host, port())));
    return new Pair(client, server);
  }

  /** Both ends of a finished handshake with the default options and the good certificate. */
  Pair.Open open() throws Exception {
    Pair pair = connect(TlsCertificates.clientOptions(),
        TlsCertificates.serverOptions(TlsCertificates.SERVER), "localhost");
    return new Pair.Open(await(pair.client), await(pair.server));
  }

  /** A Gust TLS server on the next connection to {@link #listener}; blocks until one comes. */
  CompletableFuture<ChannelStream> acceptTls(TlsOptions options) throws Exception {
    SocketChannel channel = listener.accept();
    return track(onLoop(serverLoop,
        () -> ChannelStream.openTlsServer(serverLoop, channel, options)));
  }

  /** A Gust TLS client connected to {@code port} on loopback, asking for {@code host}. */
  CompletableFuture<ChannelStream> connectTo(int port, TlsOptions options, String host)
      throws Exception {
    SocketChannel channel = SocketChannel.open(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return track(onLoop(clientLoop,
        () -> ChannelStream.openTls(clientLoop, channel, options, host, port)));
  }

  /** A JDK TLS server with {@code context}, set up by {@code configure}, closed with the fixture. */
  JdkServer jdkServer(SSLContext context, Consumer<SSLServerSocket> configure) throws IOException {
    JdkServer server = new JdkServer(context, configure);
    jdkServers.add(server);
    return server;
  }

  private CompletableFuture<ChannelStream> track(CompletableFuture<ChannelStream> future) {
    future.thenAccept(stream -> {
      synchronized (streams) {
        streams.add(stream);
      }
    });
    return future;
  }

  /** The streams opened so far, in the order their handshakes finished. */
  List<ChannelStream> openStreams() {
    synchronized (streams) {
      return new ArrayList<>(streams);
    }
  }

  /** Closes every stream that was opened, on its loop. */
  void closeStreams() throws Exception {
    List<ChannelStream> open;
    synchronized (streams) {
      open = new ArrayList<>(streams);
      streams.clear();
    }
    for (ChannelStream stream : open) {
      onLoop(stream.loop(), () -> {
        stream.close();
        return null;
      });
    }
  }

  /** Closes what the test opened, checks that no descriptor is left, then closes the loops. */
  @Override
  public void close() throws Exception {
    try {
      closeStreams();
      for (JdkServer server : jdkServers) {
        server.close();
      }
      OpenFiles.awaitAtMost(openFilesBefore, Duration.ofSeconds(5));
    } finally {
      listener.close();
      clientLoop.close();
      serverLoop.close();
    }
  }

  /** The two ends of one Gust-to-Gust connection. */
  static final class Pair {
    final CompletableFuture<ChannelStream> client;
    final CompletableFuture<ChannelStream> server;

    Pair(CompletableFuture<ChannelStream> client, CompletableFuture<ChannelStream> server) {
      this.client = client;
      this.server = server;
    }

    /** The two streams once both handshakes finished. */
    static final class Open {
      final ChannelStream client;
      final ChannelStream server;

      Open(ChannelStream client, ChannelStream server) {
        this.client = client;
        this.server = server;
      }
    }
  }

  /** What a JDK server does with one accepted socket, on its own thread. */
  @FunctionalInterface
  interface SocketTask<T> {
    T run(SSLSocket socket) throws Exception;
  }

  /** A JDK {@link SSLServerSocket} on loopback whose connections test threads serve. */
  static final class JdkServer implements AutoCloseable {
    final SSLServerSocket socket;
    private final List<CompletableFuture<?>> served = new ArrayList<>();

    JdkServer(SSLContext context, Consumer<SSLServerSocket> configure) throws IOException {
      socket = (SSLServerSocket) context.getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      configure.accept(socket);
    }

    int port() {
      return socket.getLocalPort();
    }

    /** Accepts one connection and runs {@code task} on it in a new thread, then closes it. */
    <T> CompletableFuture<T> serveOnce(SocketTask<T> task) {
      CompletableFuture<T> result = StreamFixture.inThread("jdk-tls-server", () -> {
        try (SSLSocket accepted = (SSLSocket) socket.accept()) {
          accepted.setSoTimeout(10_000);
          return task.run(accepted);
        }
      });
      served.add(result);
      return result;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (CompletableFuture<?> future : served) {
        try {
          future.get(StreamFixture.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          // The test has judged the result already; here only the thread's end matters.
        }
      }
    }
  }
}
