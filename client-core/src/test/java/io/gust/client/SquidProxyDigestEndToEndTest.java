package io.gust.client;

import static io.gust.client.PasswordAuthenticatorTest.answer;
import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.SquidDigestProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy Digest (407, Proxy-Authenticate, Proxy-Authorization) against a real squid, on the
 * CONNECT a tunnel for an https request starts with. The client has no proxy support yet, so the
 * test speaks CONNECT over a plain socket and asks the authenticator for the answer. Skipped
 * without squid unless CI=true.
 */
@Timeout(60)
class SquidProxyDigestEndToEndTest {
  @TempDir Path dir;
  private SquidDigestProxy squid;
  private TestServer origin;

  @BeforeEach
  void start() throws Exception {
    squid = SquidDigestProxy.start(dir, "gust-proxy", "user", "passwd");
    origin = TestServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (origin != null) {
      origin.close();
    }
    if (squid != null) {
      squid.close();
    }
  }

  /** Sends CONNECT for the origin with {@code proxyAuthorization} (or none); returns the head. */
  private HttpResponse connect(HttpRequest request, String proxyAuthorization) throws IOException {
    String authority = "127.0.0.1:" + origin.port();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), squid.port())) {
      socket.setSoTimeout(20_000);
      write(socket, "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
          + (proxyAuthorization == null ? ""
              : "Proxy-Authorization: " + proxyAuthorization + "\r\n") + "\r\n");
      String head = readHead(socket.getInputStream());
      if (head == null) {
        throw new IOException("squid closed before the end of the head");
      }
      String[] lines = head.strip().split("\r\n");
      Headers.Builder headers = new Headers.Builder();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
      }
      return HttpResponse.newBuilder().code(Integer.parseInt(lines[0].split(" ")[1]))
          .headers(headers.build()).request(request).build();
    }
  }

  @Test
  void squidOpensTheTunnelForTheDigestAnswer() throws Exception {
    HttpRequest request = HttpRequest.get("https://127.0.0.1:" + origin.port() + "/");
    HttpResponse challenge = connect(request, null);
    assertEquals(407, challenge.code());
    HttpRequest retry = answer(Authenticator.credentials("user", "passwd"), challenge, 1);
    String authorization = retry.headers().get("Proxy-Authorization");
    assertTrue(authorization.startsWith("Digest "), authorization);
    assertNull(retry.headers().get("Authorization"), "nothing meant for the origin");
    assertEquals(200, connect(request, authorization).code(), "Connection established");
  }

  @Test
  void aWrongPasswordIsRefusedAndTheAuthenticatorGivesUp() throws Exception {
    HttpRequest request = HttpRequest.get("https://127.0.0.1:" + origin.port() + "/");
    Authenticator wrong = Authenticator.digest("user", "wrong");
    HttpResponse challenge = connect(request, null);
    HttpResponse refused = connect(request,
        answer(wrong, challenge, 1).headers().get("Proxy-Authorization"));
    assertEquals(407, refused.code());
    assertNull(answer(wrong, refused, 2));
  }
}
