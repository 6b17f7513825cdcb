package io.gust.net;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import io.gust.testing.OnLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link ChannelStream} on its own loop, connected over loopback to a plain blocking socket (the
 * peer) that the test drives from its own thread, as a {@link Socket} or, for non-blocking
 * writes, as its {@link SocketChannel}.
 */
final class StreamFixture implements AutoCloseable {
  static final long WAIT_SECONDS = 5;

  final EventLoop loop = EventLoop.create();
  final SocketChannel peerChannel;
  final Socket peer;
  final ChannelStream stream;
  private final ServerSocketChannel server;

  private StreamFixture(long readBufferCapBytes, Consumer<SocketChannel> configure)
      throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
    SocketChannel channel = SocketChannel.open(server.getLocalAddress());
    peerChannel = server.accept();
    peer = peerChannel.socket();
    peer.setTcpNoDelay(true);
    channel.socket().setTcpNoDelay(true);
    configure.accept(channel);
    stream = onLoop(() -> ChannelStream.open(loop, channel, readBufferCapBytes));
  }

  static StreamFixture open() throws Exception {
    return open(ChannelStream.DEFAULT_READ_BUFFER_CAP_BYTES);
  }

  static StreamFixture open(long readBufferCapBytes) throws Exception {
    return new StreamFixture(readBufferCapBytes, channel -> { });
  }

  /** A fixture whose stream's socket was set up by {@code configure} before the stream took it. */
  static StreamFixture open(long readBufferCapBytes, Consumer<SocketChannel> configure)
      throws Exception {
    return new StreamFixture(readBufferCapBytes, configure);
  }

  /** Runs {@code task} on the loop and waits for its result. */
  <T> T onLoop(Callable<T> task) throws Exception {
    return onLoop(loop, task);
  }

  /** Runs {@code task} on {@code loop} and waits for its result. */
  static <T> T onLoop(EventLoop loop, Callable<T> task) throws Exception {
    return OnLoop.call(loop, task);
  }

  /** Runs {@code action} on the loop and waits for it. */
  void run(ThrowingRunnable action) throws Exception {
    onLoop(() -> {
      action.run();
      return null;
    });
  }

  /** A future that completes with the stream's close cause (null for a local close). */
  CompletableFuture<Throwable> closeCause() throws Exception {
    CompletableFuture<Throwable> cause = new CompletableFuture<>();
    run(() -> stream.addCloseListener(cause::complete));
    return cause;
  }

  /** Waits, looking on the loop, until the stream has read {@code expected} bytes. */
  void awaitBytesRead(long expected) {
    Eventually.assertThat(Duration.ofSeconds(WAIT_SECONDS),
        () -> "the stream never read " + expected + " bytes",
        () -> onLoop(stream::bytesRead) >= expected);
  }


  /** Runs {@code task} on a new thread; the future completes with its result. */
  static <T> CompletableFuture<T> inThread(String name, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(completing(result, task), name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static <T> Runnable completing(CompletableFuture<T> result, Callable<T> task) {
    return () -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    };
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception) {
        throw (Exception) e.getCause();
      }
      throw e;
    }
  }

  /** Waits for {@code future} to fail with {@code type} and returns that failure. */
  static <X extends Throwable> X awaitFailure(Class<X> type, Future<?> future) {
    return assertThrows(type, () -> await(future));
  }

  OutputStream peerOut() throws IOException {
    return peer.getOutputStream();
  }

  InputStream peerIn() throws IOException {
    return peer.getInputStream();
  }

  @Override
  public void close() throws IOException {
    try {
      peer.close();
      server.close();
    } finally {
      loop.close();
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
