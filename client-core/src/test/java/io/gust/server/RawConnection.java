package io.gust.server;

import io.gust.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain blocking socket to the server, for writing exact bytes and reading what comes back. */
final class RawConnection implements AutoCloseable {
  private final Socket socket;

  /** Waits, with a bound, until {@code server} holds no connection; fails when it still does. */
  static void awaitNoConnections(HttpServer server) {
    Eventually.assertThat(Duration.ofSeconds(5),
        () -> "the server still holds " + server.openConnections() + " connections",
        () -> server.openConnections() == 0);
  }

  RawConnection(HttpServer server) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5000);
    socket.setSoTimeout(10_000);
  }

  RawConnection send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Whether nothing the server sent is waiting to be read (the server has not answered yet). */
  boolean hasNothingToRead() throws IOException {
    return socket.getInputStream().available() == 0;
  }

  /** Ends this side's output (a TCP FIN) while the connection stays open for reading. */
  RawConnection shutdownOutput() throws IOException {
    socket.shutdownOutput();
    return this;
  }

  /** Reads until the server closes the connection (or 10 s pass, which fails). */
  String readUntilClose() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("server did not close; got " + all.toString(StandardCharsets.ISO_8859_1), e);
    } catch (IOException e) {
      // A reset after the answer still leaves what arrived before it.
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads until {@code marker} has been seen {@code times} times. */
  String readUntil(String marker, int times) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    while (count(all.toString(StandardCharsets.ISO_8859_1), marker) < times) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      all.write(b);
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  private static int count(String text, String marker) {
    int count = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      count++;
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
