package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.Nginx;
import io.gust.testing.TlsCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Gust over HTTPS against a real nginx. Skipped without nginx unless CI=true. */
@Timeout(60)
class NginxEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private Nginx nginx;

  @BeforeEach
  void startNginx() throws Exception {
    nginx = Nginx.start(ExternalTools.require("nginx"), dir, TlsCertificates.SERVER);
  }

  @AfterEach
  void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  private String url(String host, String path) {
    return "https://" + host + ":" + nginx.port() + path;
  }

  private AsyncHttpClient client(TlsOptions options) {
    return leaks.track(AsyncHttpClient.builder().tls(options).build());
  }

  @Test
  void fetchesOverHttpsAndReusesTheTlsConnection() throws Exception {
    AsyncHttpClient client = client(TlsCertificates.clientOptions());
    HttpResponse first = HttpsEndToEndTest.await(client.fetch(url("localhost", "/hello")));
    assertEquals("hello from nginx\n", first.bodyString());
    assertTrue(first.timings().tls().toNanos() > 0);
    for (int i = 0; i < 3; i++) {
      HttpResponse again = HttpsEndToEndTest.await(client.fetch(url("localhost", "/hello")));
      assertTrue(again.isConnectionReused(), "request " + i + " reused the connection");
    }
  }

  @Test
  void downloadsAFileOverTls12AndTls13() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    Files.write(nginx.www().resolve("file.bin"), data);
    for (String version : List.of("TLSv1.3", "TLSv1.2")) {
      AsyncHttpClient client = client(TlsOptions.builder().protocols(List.of(version))
          .sslContext(TlsCertificates.clientContext()).build());
      HttpResponse response = HttpsEndToEndTest.await(client.fetch(url("127.0.0.1", "/file.bin")));
      assertEquals(200, response.code(), version);
      assertEquals(ByteString.of(data).md5(), response.body().md5(), version);
    }
  }

  @Test
  void nginxCertificateFromAnUnknownIssuerIsRefused() {
    AsyncHttpClient client = client(TlsOptions.defaults());
    HttpClientException error = HttpsEndToEndTest.failure(client.fetch(url("localhost", "/hello")));
    assertEquals(Phase.TLS, error.phase(), error.toString());
  }
}
