package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.Eventually;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.SquidDigestProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain-http request that asks for an upgrade (a WebSocket handshake) goes through an HTTP
 * proxy in a CONNECT tunnel, in origin form, since a forwarding proxy would not pass the upgrade
 * on; the same client still forwards ordinary requests in absolute form. Against a scripted
 * proxy and a real squid in front of the companion server's {@code /ws/echo}.
 */
@Timeout(60)
class UpgradeThroughProxyEndToEndTest {
  /** RFC 6455's sample key and the accept value it gives. */
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private final TestServer origin = TestServer.start();
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private ScriptedServer scripted;
  private SquidDigestProxy squid;

  @AfterEach
  void stop() throws Exception {
    if (scripted != null) {
      scripted.close();
    }
    if (squid != null) {
      squid.close();
    }
    origin.close();
  }

  private HttpRequest upgrade(String path) {
    return HttpRequest.newBuilder("http://127.0.0.1:" + origin.port() + path)
        .header("Connection", "Upgrade").header("Upgrade", "websocket")
        .header("Sec-WebSocket-Key", KEY).header("Sec-WebSocket-Version", "13").build();
  }

  @Test
  void anUpgradeGoesThroughConnectInOriginForm() throws Exception {
    scripted = ScriptedServer.start(ScriptedProxies.forwardAndTunnel(heads));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .proxy(Proxy.http("127.0.0.1", scripted.port()).withCredentials("u", "p")).build());
    HttpResponse echoed = await(client.fetch(upgrade("/echo")));
    assertTrue(echoed.bodyString().startsWith("GET /echo HTTP/1.1"), echoed.bodyString());
    assertFalse(echoed.bodyString().contains("Proxy-Authorization"), echoed.bodyString());
    assertTrue(heads.get(0).startsWith("CONNECT 127.0.0.1:" + origin.port() + " HTTP/1.1"),
        heads.get(0));
    assertTrue(heads.get(0).contains("Proxy-Authorization: Basic "), heads.get(0));
    await(client.fetch("http://127.0.0.1:" + origin.port() + "/hello"));
    assertTrue(heads.get(1).startsWith("GET http://127.0.0.1:" + origin.port() + "/hello "),
        heads.get(1));
  }

  @Test
  void aSwitchingProtocolsAnswerToAnUpgradeEndsTheFetch() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    HttpResponse switched = await(client.fetch(upgrade("/ws/echo")));
    assertEquals(101, switched.code());
    assertEquals(ACCEPT, switched.headers().get("Sec-WebSocket-Accept"));
    HttpResponse next = await(client.fetch("http://127.0.0.1:" + origin.port() + "/hello"));
    assertFalse(next.isConnectionReused(), "a switched connection is never reused");
  }

  @Test
  void aWebSocketHandshakeThroughSquid() throws Exception {
    squid = SquidDigestProxy.startOpen(dir);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .proxy(Proxy.http("127.0.0.1", squid.port())).build());
    HttpResponse switched = await(client.fetch(upgrade("/ws/echo")));
    assertEquals(101, switched.code());
    assertEquals(ACCEPT, switched.headers().get("Sec-WebSocket-Accept"));
    assertEquals("hello\n", await(client.fetch("http://127.0.0.1:" + origin.port() + "/hello"))
        .bodyString());
    Path log = dir.resolve("access.log");
    Eventually.assertThat(Duration.ofSeconds(10), () -> "squid's log: " + read(log),
        () -> read(log).contains("GET http://127.0.0.1:" + origin.port() + "/hello"));
    assertTrue(read(log).contains("CONNECT 127.0.0.1:" + origin.port()), read(log));
    assertFalse(read(log).contains("/ws/echo"), read(log));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
