package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TlsStreamTest {
  @Test
  void gustClientAndServerEchoBothWays() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.Pair pair = f.connect(TlsCertificates.clientOptions(),
          TlsCertificates.serverOptions(TlsCertificates.SERVER), "localhost");
      ChannelStream client = await(pair.client);
      ChannelStream server = await(pair.server);
      CompletableFuture<Buffer> atServer = onLoop(f.serverLoop, () -> server.readBytes(4));
      onLoop(f.clientLoop, () -> client.write(new Buffer().writeUtf8("ping")));
      assertEquals("ping", await(atServer).readUtf8());
      CompletableFuture<Buffer> atClient = onLoop(f.clientLoop, () -> client.readBytes(4));
      onLoop(f.serverLoop, () -> server.write(new Buffer().writeUtf8("pong")));
      assertEquals("pong", await(atClient).readUtf8());

      TlsInfo info = onLoop(f.clientLoop, client::tlsInfo);
      assertEquals("TLSv1.3", info.protocol());
      assertEquals("http/1.1", info.applicationProtocol());
      assertEquals(TlsCertificates.SERVER.certificate(), info.peerCertificates().get(0));
      assertTrue(info.handshakeDuration().toNanos() > 0);
      assertTrue(onLoop(f.serverLoop, server::tlsInfo).peerCertificates().isEmpty());
      assertFalse(onLoop(f.clientLoop, client::isTruncatedTls));
    }
  }
}
