package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.onLoop;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.TlsInfo;
import io.gust.client.TlsOptions;
import io.gust.testing.TlsCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TlsStreamTest {
  private static final long BULK_BYTES = 64L * 1024 * 1024;

  @Test
  void gustClientAndServerEchoBothWays() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.Pair.Open open = f.open();
      ChannelStream client = open.client;
      ChannelStream server = open.server;
      assertEquals("ping", exchange(server, client, "ping"));
      assertEquals("pong", exchange(client, server, "pong"));

      TlsInfo info = onLoop(f.clientLoop, client::tlsInfo);
      assertEquals("TLSv1.3", info.protocol());
      assertEquals("http/1.1", info.applicationProtocol());
      assertEquals(TlsCertificates.SERVER.certificate(), info.peerCertificates().get(0));
      assertTrue(info.handshakeDuration().toNanos() > 0);
      assertTrue(onLoop(f.serverLoop, server::tlsInfo).peerCertificates().isEmpty());
      assertFalse(onLoop(f.clientLoop, client::isTruncatedTls));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void eachProtocolVersionWorksWithRsaAndEcKeys(String protocol) throws Exception {
    for (HeldCertificate certificate : List.of(TlsCertificates.SERVER, TlsCertificates.RSA_SERVER)) {
      try (TlsFixture f = new TlsFixture()) {
        TlsOptions clientOptions = TlsOptions.builder().sslContext(TlsCertificates.clientContext())
            .protocols(List.of(protocol)).build();
        TlsFixture.Pair pair = f.connect(clientOptions,
            TlsCertificates.serverOptions(certificate), "localhost");
        ChannelStream client = await(pair.client);
        ChannelStream server = await(pair.server);
        assertEquals(protocol, onLoop(f.clientLoop, client::tlsInfo).protocol());
        assertEquals(protocol, onLoop(f.serverLoop, server::tlsInfo).protocol());
        assertEquals("hello", exchange(client, server, "hello"));
        assertEquals("world", exchange(server, client, "world"));
      }
    }
  }

  @Test
  void transfers64MiBBothWaysBetweenGustPeers() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.Pair.Open open = f.open();
      ChannelStream client = open.client;
      ChannelStream server = open.server;
      CompletableFuture<Long> atServer = onLoop(f.serverLoop,
          () -> Transfers.receive(server, BULK_BYTES));
      CompletableFuture<Long> atClient = onLoop(f.clientLoop,
          () -> Transfers.receive(client, BULK_BYTES));
      long start = System.nanoTime();
      CompletableFuture<Void> fromClient = onLoop(f.clientLoop,
          () -> Transfers.send(client, BULK_BYTES));
      CompletableFuture<Void> fromServer = onLoop(f.serverLoop,
          () -> Transfers.send(server, BULK_BYTES));
      assertEquals(BULK_BYTES, atServer.get(30, SECONDS));
      assertEquals(BULK_BYTES, atClient.get(30, SECONDS));
      await(fromClient);
      await(fromServer);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("TLS 64 MiB both ways, Gust<->Gust: %.2f s, %.0f MiB/s each way%n",
          seconds, 64 / seconds);
    }
  }

  @Test
  void tinyReadBufferCapStillDeliversEveryByteOfWholeRecords() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      SocketChannel clientChannel = SocketChannel.open(f.listener.getLocalAddress());
      SocketChannel serverChannel = f.listener.accept();
      CompletableFuture<ChannelStream> server = onLoop(f.serverLoop, () -> TlsHandshake.server(
          f.serverLoop, new SocketTransport(serverChannel),
          TlsCertificates.serverOptions(TlsCertificates.SERVER), 100));
      ChannelStream client = await(onLoop(f.clientLoop, () -> ChannelStream.openTls(f.clientLoop,
          clientChannel, TlsCertificates.clientOptions(), "localhost", f.port())));
      ChannelStream small = await(server);
      long byteCount = 1024 * 1024;
      CompletableFuture<Long> received = onLoop(f.serverLoop,
          () -> Transfers.receive(small, byteCount));
      onLoop(f.clientLoop, () -> Transfers.send(client, byteCount));
      assertEquals(byteCount, received.get(20, SECONDS));
      onLoop(f.clientLoop, () -> {
        client.close();
        return null;
      });
      onLoop(f.serverLoop, () -> {
        small.close();
        return null;
      });
    }
  }

  @Test
  void transfers64MiBBothWaysWithJdkServer() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.JdkServer jdk = f.jdkServer(
          TlsCertificates.serverContext(TlsCertificates.SERVER), s -> { });
      CompletableFuture<Long> atJdk = jdk.serveOnce(socket -> {
        CompletableFuture<Void> writing = StreamFixture.inThread("jdk-tls-writer", () -> {
          writePattern(socket.getOutputStream(), BULK_BYTES);
          return null;
        });
        long read = readPattern(socket.getInputStream(), BULK_BYTES);
        await(writing);
        return read;
      });
      ChannelStream client = await(f.connectTo(jdk.port(), TlsCertificates.clientOptions(),
          "localhost"));
      CompletableFuture<Long> atClient = onLoop(f.clientLoop,
          () -> Transfers.receive(client, BULK_BYTES));
      CompletableFuture<Void> sent = onLoop(f.clientLoop,
          () -> Transfers.send(client, BULK_BYTES));
      assertEquals(BULK_BYTES, atClient.get(30, SECONDS));
      await(sent);
      assertEquals(BULK_BYTES, atJdk.get(30, SECONDS));
    }
  }

  @Test
  void jdkServerReceivesSniAndNegotiatesAlpn() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.JdkServer jdk = f.jdkServer(
          TlsCertificates.serverContext(TlsCertificates.SERVER), s -> {
            SSLParameters parameters = s.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            s.setSSLParameters(parameters);
          });
      assertEquals(List.of(new SNIHostName("localhost")), serverNamesSeen(f, jdk, "localhost"));
      assertEquals("http/1.1", onLoop(f.clientLoop,
          () -> f.openStreams().get(0).tlsInfo()).applicationProtocol());
    }
  }

  @Test
  void ipLiteralIsVerifiedButNotSentAsSni() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.JdkServer jdk = f.jdkServer(
          TlsCertificates.serverContext(TlsCertificates.SERVER), s -> { });
      assertEquals(List.of(), serverNamesSeen(f, jdk, "127.0.0.1"));
    }
  }

  /** Connects to {@code jdk} for {@code host}, echoes once, and returns the SNI names it saw. */
  private static List<SNIServerName> serverNamesSeen(TlsFixture f, TlsFixture.JdkServer jdk,
      String host) throws Exception {
    CompletableFuture<List<SNIServerName>> names = jdk.serveOnce(socket -> {
      echo(socket, 4);
      return ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames();
    });
    ChannelStream client = await(f.connectTo(jdk.port(), TlsCertificates.clientOptions(), host));
    assertEquals("ping", exchangeWithPeer(client, "ping"));
    return await(names);
  }

  @Test
  void gustServerEchoesToJdkClient() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      CompletableFuture<String> jdkClient = StreamFixture.inThread("jdk-tls-client", () -> {
        SSLSocketFactory factory = TlsCertificates.clientContext().getSocketFactory();
        try (Socket socket = factory.createSocket(InetAddress.getLoopbackAddress(), f.port())) {
          socket.getOutputStream().write("hello".getBytes(US_ASCII));
          return new String(socket.getInputStream().readNBytes(5), US_ASCII);
        }
      });
      ChannelStream server = await(f.acceptTls(
          TlsCertificates.serverOptions(TlsCertificates.SERVER)));
      Buffer hello = await(onLoop(f.serverLoop, () -> server.readBytes(5)));
      onLoop(f.serverLoop, () -> server.write(hello));
      assertEquals("hello", await(jdkClient));
    }
  }

  @Test
  void closeSendsCloseNotifySoPeersSeeACleanEnd() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.JdkServer jdk = f.jdkServer(
          TlsCertificates.serverContext(TlsCertificates.SERVER), s -> { });
      CompletableFuture<String> atJdk = jdk.serveOnce(
          socket -> new String(socket.getInputStream().readAllBytes(), US_ASCII));
      ChannelStream client = await(f.connectTo(jdk.port(), TlsCertificates.clientOptions(),
          "localhost"));
      onLoop(f.clientLoop, () -> {
        client.write(new Buffer().writeUtf8("bye"));
        client.close();
        return null;
      });
      assertEquals("bye", await(atJdk));

      TlsFixture.Pair.Open open = f.open();
      ChannelStream gustClient = open.client;
      ChannelStream server = open.server;
      CompletableFuture<Buffer> all = onLoop(f.serverLoop, server::readUntilClose);
      onLoop(f.clientLoop, () -> {
        gustClient.write(new Buffer().writeUtf8("bye"));
        gustClient.close();
        return null;
      });
      assertEquals("bye", await(all).readUtf8());
      assertFalse(onLoop(f.serverLoop, server::isTruncatedTls));
    }
  }

  @Test
  void peerClosingTcpWithoutCloseNotifyEndsTheStreamMarkedTruncated() throws Exception {
    try (TlsFixture f = new TlsFixture();
        ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      SSLSocketFactory factory = TlsCertificates.serverContext(TlsCertificates.SERVER)
          .getSocketFactory();
      CompletableFuture<Void> peer = StreamFixture.inThread("jdk-tls-truncating", () -> {
        try (Socket raw = plain.accept()) {
          SSLSocket tls = (SSLSocket) factory.createSocket(raw, null, false);
          tls.setUseClientMode(false);
          tls.startHandshake();
          tls.getOutputStream().write("partial body".getBytes(US_ASCII));
          tls.getOutputStream().flush();
          raw.shutdownOutput();
          raw.getInputStream().read();
        }
        return null;
      });
      ChannelStream client = await(f.connectTo(plain.getLocalPort(),
          TlsCertificates.clientOptions(), "localhost"));
      assertEquals("partial body", await(onLoop(f.clientLoop, client::readUntilClose)).readUtf8());
      assertTrue(onLoop(f.clientLoop, client::isTruncatedTls));
      await(peer);
    }
  }

  @Test
  void tls13KeyUpdateFromTheJdkPeerKeepsTheStreamWorking() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.JdkServer jdk = f.jdkServer(
          TlsCertificates.serverContext(TlsCertificates.SERVER),
          s -> s.setEnabledProtocols(new String[] {"TLSv1.3"}));
      CompletableFuture<Void> served = jdk.serveOnce(socket -> {
        echo(socket, 4);
        socket.startHandshake();
        echo(socket, 4);
        return null;
      });
      ChannelStream client = await(f.connectTo(jdk.port(), TlsCertificates.clientOptions(),
          "localhost"));
      assertEquals("ping", exchangeWithPeer(client, "ping"));
      assertEquals("more", exchangeWithPeer(client, "more"));
      await(served);
    }
  }

  /** Writes {@code text} on {@code from} and reads as many bytes on {@code to}. */
  static String exchange(ChannelStream from, ChannelStream to, String text) throws Exception {
    CompletableFuture<Buffer> read = onLoop(to.loop(), () -> to.readBytes(text.length()));
    onLoop(from.loop(), () -> from.write(new Buffer().writeUtf8(text)));
    return await(read).readUtf8();
  }

  /** Writes {@code text} to a peer that echoes it and reads the echo. */
  static String exchangeWithPeer(ChannelStream stream, String text) throws Exception {
    CompletableFuture<Buffer> read = onLoop(stream.loop(), () -> {
      stream.write(new Buffer().writeUtf8(text));
      return stream.readBytes(text.length());
    });
    return await(read).readUtf8();
  }

  static void echo(SSLSocket socket, int byteCount) throws Exception {
    byte[] bytes = socket.getInputStream().readNBytes(byteCount);
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  static void writePattern(OutputStream out, long byteCount) throws Exception {
    for (long sent = 0; sent < byteCount; sent += Transfers.CHUNK_BYTES) {
      out.write(Pattern.bytes(sent, (int) Math.min(Transfers.CHUNK_BYTES, byteCount - sent)));
    }
    out.flush();
  }

  static long readPattern(InputStream in, long byteCount) throws Exception {
    byte[] bytes = new byte[64 * 1024];
    long received = 0;
    while (received < byteCount) {
      int read = in.read(bytes, 0, (int) Math.min(bytes.length, byteCount - received));
      if (read < 0) {
        break;
      }
      Pattern.verify(bytes, read, received);
      received += read;
    }
    return received;
  }
}
