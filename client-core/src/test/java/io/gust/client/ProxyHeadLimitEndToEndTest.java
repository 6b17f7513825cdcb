package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.failure;
import static io.gust.testing.ScriptedServer.readHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import io.gust.testing.TlsFront;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proxies that answer with a head that never ends (garbage streamed until the client hangs up):
 * the fetch fails once the head passes the client's head limit, long before the connect (or
 * request) timeout, which is set far beyond the test's own bound.
 */
@Timeout(60)
class ProxyHeadLimitEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private ScriptedServer proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Reads the request head, then writes {@code first} and {@code filler} until the peer leaves. */
  private static ScriptedServer.Script endless(String first, String filler) {
    return (socket, index) -> {
      readHead(socket.getInputStream());
      streamUntilClosed(socket, first, filler);
    };
  }

  private static void streamUntilClosed(Socket socket, String first, String filler) {
    byte[] chunk = filler.repeat(Math.max(1, 4096 / filler.length()))
        .getBytes(StandardCharsets.ISO_8859_1);
    try {
      OutputStream out = socket.getOutputStream();
      out.write(first.getBytes(StandardCharsets.ISO_8859_1));
      while (true) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException closedByTheClient) {
      // the client gave up: what the test waits for
    }
  }

  private AsyncHttpClient client(Proxy via) {
    return leaks.track(ProxyOrigins.clientVia(via).maxHeaderBytes(16_384)
        .connectTimeout(Duration.ofMinutes(10)).requestTimeout(Duration.ofMinutes(10)).build());
  }

  private Proxy httpProxy(ScriptedServer.Script script) throws IOException {
    proxy = ScriptedServer.start(script);
    return Proxy.http("127.0.0.1", proxy.port());
  }

  @Test
  void anEndlessConnectAnswerFailsAtTheHeadLimit() throws Exception {
    Proxy via = httpProxy(endless("HTTP/1.1 200 OK\r\n", "X-Filler: x\r\n"));
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("https://127.0.0.1:1/")));
    assertEquals(Phase.PROXY, error.phase());
    assertTrue(error.getMessage().contains("too large"), error.getMessage());
  }

  @Test
  void garbageWithoutAnyLineEndFailsAtTheHeadLimit() throws Exception {
    Proxy via = httpProxy(endless("", "\u0000\u00ffgarbage"));
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("https://127.0.0.1:1/")));
    assertTrue(error.getMessage().contains("too large"), error.getMessage());
  }

  @Test
  void anEndlessAnswerToAForwardedRequestFailsAtTheHeadLimit() throws Exception {
    Proxy via = httpProxy(endless("HTTP/1.1 200 OK\r\n", "X-Filler: x\r\n"));
    HttpClientException error = failure(client(via).fetch("http://127.0.0.1:1/"));
    assertEquals(Phase.HEADERS, error.phase(), error.toString());
  }

  @Test
  void anEndlessConnectAnswerFromAnHttpsProxyFailsAtTheHeadLimit() throws Exception {
    proxy = ScriptedServer.start(endless("HTTP/1.1 200 OK\r\n", "X-Filler: x\r\n"));
    try (TlsFront front = new TlsFront(TlsCertificates.SERVER, proxy.port())) {
      ProxyException error = assertInstanceOf(ProxyException.class,
          failure(client(Proxy.https("127.0.0.1", front.port())).fetch("https://127.0.0.1:1/")));
      assertTrue(error.getMessage().contains("too large"), error.getMessage());
    }
  }
}
