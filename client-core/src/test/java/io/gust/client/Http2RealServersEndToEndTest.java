package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.concurrent.Futures;
import io.gust.loop.EventLoop;
import io.gust.testing.ApacheHttp2;
import io.gust.testing.ExternalTools;
import io.gust.testing.H2o;
import io.gust.testing.LeakCheck;
import io.gust.testing.Nginx;
import io.gust.testing.TlsCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/2 client against nginx (http2 on TLS, and without it for the fallback to HTTP/1.1),
 * h2o and Apache's mod_http2: ALPN, many fetches on one connection, redirects, decompression and body sinks.
 */
@Timeout(60)
class Http2RealServersEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;

  private AsyncHttpClient client() {
    return leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2, Protocol.HTTP_1_1)
        .tls(TlsCertificates.clientOptions()).build());
  }

  @Test
  void nginxSpeaksHttp2AndMultiplexesSixtyFourFetches() throws Exception {
    try (Nginx nginx = Nginx.start(ExternalTools.require("nginx"), dir, TlsCertificates.SERVER,
        true)) {
      AsyncHttpClient client = client();
      String url = "https://localhost:" + nginx.port() + "/hello";
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        all.add(client.fetch(url));
      }
      for (HttpResponse response : Futures.all(all).get(30, TimeUnit.SECONDS)) {
        assertEquals(Protocol.HTTP_2, response.protocol());
        assertEquals("hello from nginx\n", response.bodyString());
      }
      assertEquals(1, client.poolSnapshot().get(5, TimeUnit.SECONDS).open());
    }
  }

  @Test
  void nginxGoAwayAtItsRequestLimitMovesTheOtherStreamsToNewConnections() throws Exception {
    try (Nginx nginx = Nginx.start(ExternalTools.require("nginx"), dir, TlsCertificates.SERVER,
        true, 10)) {
      AtomicInteger connects = new AtomicInteger();
      AtomicInteger redirects = new AtomicInteger();
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
          .protocols(Protocol.HTTP_2, Protocol.HTTP_1_1).tls(TlsCertificates.clientOptions())
          .eventListenerFactory(request -> new EventListener() {
            @Override
            public void connectStart(int attempt, java.net.InetSocketAddress address) {
              connects.incrementAndGet();
            }

            @Override
            public void attemptStart(int attempt, HttpRequest sent, AttemptReason reason) {
              if (reason == AttemptReason.REDIRECT) {
                redirects.incrementAndGet();
              }
            }
          }).build());
      String url = "https://localhost:" + nginx.port() + "/hello";
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        all.add(client.fetch(url));
      }
      for (HttpResponse response : Futures.all(all).get(30, TimeUnit.SECONDS)) {
        assertEquals(Protocol.HTTP_2, response.protocol());
        assertEquals("hello from nginx\n", response.bodyString());
      }
      assertTrue(connects.get() >= 3, "nginx serves 10 streams a connection; connections: "
          + connects.get());
      assertEquals(0, redirects.get(), "a retry is reported as one, however many came before");
    }
  }

  @Test
  void nginxWithoutHttp2FallsBackToHttp11() throws Exception {
    try (Nginx nginx = Nginx.start(ExternalTools.require("nginx"), dir, TlsCertificates.SERVER,
        false)) {
      HttpResponse response = client().fetch("https://localhost:" + nginx.port() + "/hello")
          .get(10, TimeUnit.SECONDS);
      assertEquals(Protocol.HTTP_1_1, response.protocol());
      assertEquals("hello from nginx\n", response.bodyString());
    }
  }

  /** Regression: every new connection waited for the previous one's ALPN answer. */
  @Test
  void originThatChoseHttp11OpensConnectionsInParallel() throws Exception {
    try (Nginx nginx = Nginx.start(ExternalTools.require("nginx"), dir, TlsCertificates.SERVER,
            false);
        EventLoop loop = EventLoop.builder().build()) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(loop)
          .protocols(Protocol.HTTP_2, Protocol.HTTP_1_1).tls(TlsCertificates.clientOptions())
          .build());
      String url = "https://localhost:" + nginx.port() + "/hello";
      assertEquals(Protocol.HTTP_1_1, client.fetch(url).get(10, TimeUnit.SECONDS).protocol());
      CompletableFuture<List<CompletableFuture<HttpResponse>>> submitted =
          new CompletableFuture<>();
      loop.execute(() -> {
        List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          all.add(client.fetch(url));
        }
        submitted.complete(all);
      });
      Futures.all(submitted.get(10, TimeUnit.SECONDS)).get(20, TimeUnit.SECONDS);
      assertEquals(8, client.poolSnapshot().get(5, TimeUnit.SECONDS).open());
      client.close();
    }
  }

  @Test
  void nginxRedirectsAndDecompressesOverHttp2() throws Exception {
    try (Nginx nginx = Nginx.start(ExternalTools.require("nginx"), dir, TlsCertificates.SERVER,
        true)) {
      Files.createDirectories(nginx.www().resolve("dir"));
      Files.writeString(nginx.www().resolve("dir/index.html"), "index\n");
      HttpResponse response = client().fetch("https://localhost:" + nginx.port() + "/dir")
          .get(10, TimeUnit.SECONDS);
      assertEquals(200, response.code());
      assertEquals(1, response.redirectCount());
      assertEquals("index\n", response.bodyString());
      assertEquals(Protocol.HTTP_2, response.protocol());
    }
  }

  @Test
  void h2oServesOverHttp2IntoABodySink() throws Exception {
    try (H2o h2o = H2o.start(dir, TlsCertificates.SERVER)) {
      byte[] big = new byte[2 * 1024 * 1024 + 17];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i % 251);
      }
      Files.write(h2o.www().resolve("big.bin"), big);
      Path target = dir.resolve("out.bin");
      HttpResponse response = client().fetch(
          HttpRequest.get("https://localhost:" + h2o.port() + "/big.bin"),
          BodySink.toFile(target)).get(20, TimeUnit.SECONDS);
      assertEquals(Protocol.HTTP_2, response.protocol());
      assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(target)));
    }
  }

  @Test
  void apacheModHttp2ServesManyFetchesOnOneConnection() throws Exception {
    try (ApacheHttp2 apache = ApacheHttp2.start(dir, TlsCertificates.SERVER)) {
      Path file = Files.writeString(apache.www().resolve("a.txt"), "hello from apache\n");
      file.toFile().setReadable(true, false);
      AsyncHttpClient client = client();
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        all.add(client.fetch("https://localhost:" + apache.port() + "/a.txt"));
      }
      List<HttpResponse> responses;
      try {
        responses = Futures.all(all).get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new AssertionError("apache2 logs: " + apache.logs(), e);
      }
      for (HttpResponse response : responses) {
        assertEquals(Protocol.HTTP_2, response.protocol());
        assertEquals("hello from apache\n", response.bodyString());
      }
      assertEquals(1, client.poolSnapshot().get(5, TimeUnit.SECONDS).open());
    }
  }
}
