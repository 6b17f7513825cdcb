package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.loop.EventLoop;
import io.gust.testing.TlsCertificates;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ChannelStream#startTls} over a TLS stream: TLS inside TLS (as through an HTTPS proxy),
 * against the JDK's layered SSLSocket as the independent peer, both layers verified.
 */
@Timeout(60)
class TlsInsideTlsTest {
  private static final int BYTES = 300_000;

  /** Outer TLS, then inner TLS over it; echoes {@code BYTES} bytes through the inner layer. */
  private static void serveNested(SSLServerSocket listener, SSLContext context) throws Exception {
    try (Socket outer = listener.accept();
        SSLSocket inner = (SSLSocket) context.getSocketFactory()
            .createSocket(outer, "localhost", outer.getPort(), true)) {
      inner.setUseClientMode(false);
      byte[] data = new byte[BYTES];
      new DataInputStream(inner.getInputStream()).readFully(data);
      inner.getOutputStream().write(data);
      inner.getOutputStream().flush();
      inner.getInputStream().read();
    }
  }

  @Test
  void startTlsRunsTlsInsideTheOuterTlsStream() throws Exception {
    SSLContext serverContext = TlsCertificates.serverContext(TlsCertificates.SERVER);
    try (EventLoop loop = EventLoop.builder().name("gust-loop-nested").build();
        SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
            .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
        try {
          serveNested(listener, serverContext);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      SocketChannel channel = SocketChannel.open(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
      ChannelStream outer = await(onLoop(loop, () -> ChannelStream.openTls(loop, channel,
          TlsCertificates.clientOptions(), "localhost", listener.getLocalPort())));
      ChannelStream inner = await(onLoop(loop,
          () -> outer.startTls(TlsCertificates.clientOptions(), "localhost", 443)));
      assertEquals("TLSv1.3", onLoop(loop, inner::tlsInfo).protocol());
      byte[] data = new byte[BYTES];
      for (int i = 0; i < BYTES; i++) {
        data[i] = (byte) (i * 31);
      }
      Buffer echoed = await(onLoop(loop, () -> {
        inner.write(new Buffer().write(data));
        return inner.readBytes(BYTES);
      }));
      assertArrayEquals(data, echoed.readByteArray());
      onLoop(loop, () -> {
        inner.close();
        return null;
      });
      server.get();
      assertEquals(false, channel.isOpen(), "closing the inner stream closes the socket");
    }
  }

  @Test
  void startTlsRefusesAStreamWithBytesBuffered() throws Exception {
    try (EventLoop loop = EventLoop.builder().name("gust-loop-nested").build();
        java.net.ServerSocket listener =
            new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      SocketChannel channel = SocketChannel.open(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
      try (Socket peer = listener.accept()) {
        peer.getOutputStream().write("early".getBytes());
        ChannelStream plain = onLoop(loop, () -> ChannelStream.open(loop, channel));
        await(onLoop(loop, () -> plain.readUntil(ByteString.encodeUtf8("l"), 100)));
        assertThrows(IllegalStateException.class, () -> onLoop(loop,
            () -> plain.startTls(TlsCertificates.clientOptions(), "localhost", 443)));
        onLoop(loop, () -> {
          plain.close();
          return null;
        });
      }
    }
  }
}
