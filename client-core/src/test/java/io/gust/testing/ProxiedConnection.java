package io.gust.testing;

import io.gust.testing.Fault.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection through a {@link FaultProxy}: the client's socket, the socket to the server, and
 * a pump per direction that forwards bytes and strikes the connection's fault at its offset. The
 * sockets close when both pumps have ended, or at once on {@link #abort()}.
 */
final class ProxiedConnection {
  private static final int BUFFER_BYTES = 8192;

  private final Socket client;
  private final Socket server;
  private final Fault fault;
  private final AtomicInteger faultsStruck;
  private final AtomicInteger pumpsRunning = new AtomicInteger(2);
  /** Counted down by {@link #abort()}: ends a delay early. */
  private final CountDownLatch aborted = new CountDownLatch(1);
  /** Releases a stalled pump: counted down on abort and when either pump ends. */
  private final CountDownLatch released = new CountDownLatch(1);
  /** Set by a DROP: from then on both pumps discard what they read. */
  private volatile boolean dropped;

  ProxiedConnection(Socket client, Socket server, Fault fault, AtomicInteger faultsStruck) {
    this.client = client;
    this.server = server;
    this.fault = fault;
    this.faultsStruck = faultsStruck;
  }

  /** Returns the task that forwards {@code direction}. */
  Runnable pump(Direction direction) {
    return () -> {
      boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
      Fault mine = fault.kind() != Fault.Kind.NONE && fault.direction() == direction ? fault : null;
      try {
        forward(fromClient ? client : server, fromClient ? server : client, mine);
      } catch (IOException | InterruptedException e) {
        abort();
      } finally {
        released.countDown();
        if (pumpsRunning.decrementAndGet() == 0) {
          FaultProxy.closeQuietly(client);
          FaultProxy.closeQuietly(server);
        }
      }
    };
  }

  /** Closes both sockets at once and releases stalled pumps. */
  void abort() {
    aborted.countDown();
    released.countDown();
    FaultProxy.closeQuietly(client);
    FaultProxy.closeQuietly(server);
  }

  private void forward(Socket from, Socket to, Fault mine) throws IOException, InterruptedException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    byte[] buffer = new byte[BUFFER_BYTES];
    Stream stream = new Stream();
    long position = 0;
    boolean pending = mine != null;
    while (true) {
      if (pending && position == mine.offset()) {
        pending = false;
        faultsStruck.incrementAndGet();
        if (!strike(mine, to, stream)) {
          return;
        }
      }
      int max = pending ? (int) Math.min(buffer.length, mine.offset() - position) : buffer.length;
      int read = in.read(buffer, 0, max);
      if (read < 0) {
        if (!stream.discarding && !dropped) {
          to.shutdownOutput();
        }
        return;
      }
      if (stream.corruptNext) {
        buffer[0] ^= (byte) mine.mask();
        stream.corruptNext = false;
      }
      position += read;
      if (!stream.discarding && !dropped) {
        write(out, buffer, read, stream.splitting);
      }
    }
  }

  /** Applies {@code mine}; returns false when the pump should end. */
  private boolean strike(Fault mine, Socket to, Stream stream) throws IOException, InterruptedException {
    switch (mine.kind()) {
      case DELAY:
        return !aborted.await(mine.delay().toNanos(), TimeUnit.NANOSECONDS);
      case DROP:
        dropped = true;
        client.shutdownOutput();
        server.shutdownOutput();
        return true;
      case RESET:
        reset();
        return false;
      case STALL:
        released.await();
        return false;
      case TRUNCATE:
        to.shutdownOutput();
        stream.discarding = true;
        return true;
      case SPLIT_WRITES:
        stream.splitting = true;
        return true;
      default:
        stream.corruptNext = true;
        return true;
    }
  }

  private void write(OutputStream out, byte[] buffer, int byteCount, boolean oneByteEach) throws IOException {
    try {
      if (!oneByteEach) {
        out.write(buffer, 0, byteCount);
        return;
      }
      for (int i = 0; i < byteCount; i++) {
        out.write(buffer[i]);
        out.flush();
      }
    } catch (IOException e) {
      if (!dropped) {
        throw e;
      }
    }
  }

  private void reset() {
    try {
      client.setSoLinger(true, 0);
      server.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // A socket already closed needs no reset.
    }
    abort();
  }

  /** What a fault changed in one direction's forwarding. */
  private static final class Stream {
    boolean discarding;
    boolean splitting;
    boolean corruptNext;
  }
}
