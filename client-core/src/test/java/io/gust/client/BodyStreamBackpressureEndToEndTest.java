package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reader that does not ask holds the server back: the client stops reading the socket, TCP flow
 * control stops the server, and what waits in memory stays bounded.
 */
@Timeout(60)
class BodyStreamBackpressureEndToEndTest {
  private static final long TOTAL = 64L * 1024 * 1024;
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  @Test
  void aReaderThatDoesNotAskStopsTheServer() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
    CompletableFuture<Long> stalledAt = new CompletableFuture<>();
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread server = new Thread(() -> serve(listener, stalledAt), "stalling-server");
      server.setDaemon(true);
      server.start();
      BodyStream stream = BodySink.stream();
      String url = "http://127.0.0.1:" + listener.socket().getLocalPort() + "/";
      CompletableFuture<?> done = client.fetch(HttpRequest.get(url), stream);
      long read = stream.read().get(10, TimeUnit.SECONDS).size();
      // The reader now waits; the server must find the connection full long before the end.
      long written = stalledAt.get(30, TimeUnit.SECONDS);
      assertTrue(written < TOTAL / 2, "server wrote " + written + " of " + TOTAL + " bytes");
      long waiting = stream.byteCount() - read;
      assertTrue(waiting <= 1024 * 1024, waiting + " bytes taken but not read");
      for (Buffer chunk; (chunk = stream.read().get(10, TimeUnit.SECONDS)) != null; ) {
        read += chunk.size();
        chunk.clear();
      }
      assertEquals(TOTAL, read);
      done.get(10, TimeUnit.SECONDS);
      server.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  /**
   * Answers with TOTAL bytes, writing without blocking; when the socket stays unwritable for a
   * second, records how much went out, then writes the rest blocking.
   */
  private static void serve(ServerSocketChannel listener, CompletableFuture<Long> stalledAt) {
    try (SocketChannel socket = listener.accept(); Selector selector = Selector.open()) {
      ScriptedServer.readHead(socket.socket().getInputStream());
      socket.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + TOTAL + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1)));
      socket.configureBlocking(false);
      socket.register(selector, SelectionKey.OP_WRITE);
      ByteBuffer block = ByteBuffer.allocate(64 * 1024);
      long written = 0;
      while (written < TOTAL) {
        if (block.position() == 0 || !block.hasRemaining()) {
          block.clear();
          block.limit((int) Math.min(block.capacity(), TOTAL - written));
        }
        int count = socket.write(block);
        written += count;
        if (count == 0 && selector.select(1000) == 0) {
          stalledAt.complete(written);
        }
        selector.selectedKeys().clear();
      }
      stalledAt.complete(written);
    } catch (IOException | RuntimeException e) {
      stalledAt.completeExceptionally(e);
    }
  }
}
