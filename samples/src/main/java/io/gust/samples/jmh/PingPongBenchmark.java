package io.gust.samples.jmh;

import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.ReadListener;
import io.gust.net.TcpConnection;
import io.gust.net.TcpConnector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trips over one loopback connection between two loops: the client side writes a message
 * and waits for the echo, the server side echoes whatever arrives through a parser-style
 * {@link ReadListener}. Measures the loop and stream overhead of one request-response exchange.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Benchmark)
public class PingPongBenchmark {
  static final int ROUND_TRIPS = 1000;

  @Param({"64", "4096"})
  public int messageBytes;

  private EventLoop clientLoop;
  private EventLoop serverLoop;
  private ServerSocketChannel listener;
  private ChannelStream client;
  private byte[] message;

  @Setup(Level.Trial)
  public void connect() throws Exception {
    clientLoop = EventLoop.create();
    serverLoop = EventLoop.create();
    listener = ServerSocketChannel.open();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
    TcpConnection connection = TcpConnector.create()
        .connect(clientLoop, List.of(address), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    SocketChannel accepted = listener.accept();
    CompletableFuture<Void> echoing = new CompletableFuture<>();
    serverLoop.execute(() -> {
      ChannelStream server = ChannelStream.open(serverLoop, accepted);
      server.readWith(new Echo(server));
      echoing.complete(null);
    });
    echoing.get(5, TimeUnit.SECONDS);
    CompletableFuture<ChannelStream> opened = new CompletableFuture<>();
    clientLoop.execute(() -> opened.complete(connection.openStream()));
    client = opened.get(5, TimeUnit.SECONDS);
    message = new byte[messageBytes];
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    clientLoop.close();
    serverLoop.close();
    listener.close();
  }

  /**
   * One invocation is {@value #ROUND_TRIPS} round trips driven on the client loop, each started
   * when the previous echo arrived; the benchmark thread waits once per invocation, so the figure
   * is the loops' and streams' cost, not the benchmark thread's wakeups.
   */
  @Benchmark
  @OperationsPerInvocation(ROUND_TRIPS)
  public long roundTrip() throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    clientLoop.execute(() -> next(ROUND_TRIPS, 0, done));
    return done.get(30, TimeUnit.SECONDS);
  }

  private void next(int remaining, long echoedBytes, CompletableFuture<Long> done) {
    if (remaining == 0) {
      done.complete(echoedBytes);
      return;
    }
    client.write(new Buffer().write(message), null);
    client.readBytes(messageBytes).whenComplete((bytes, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      long size = bytes.size();
      // Clearing hands the segments back to okio's pool, as a real reader would.
      bytes.clear();
      next(remaining - 1, echoedBytes + size, done);
    });
  }

  /** Writes back every byte it reads. */
  private static final class Echo implements ReadListener {
    private final ChannelStream stream;

    Echo(ChannelStream stream) {
      this.stream = stream;
    }

    @Override
    public boolean onReadable(Buffer buffered) {
      Buffer out = new Buffer();
      out.write(buffered, buffered.size());
      stream.write(out, null);
      return true;
    }

    @Override
    public void onEnd(Buffer buffered) {
      stream.close();
    }

    @Override
    public void onError(Throwable cause) {
      stream.close();
    }
  }
}
