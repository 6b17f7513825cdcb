package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * fetch {@code --interface} and {@code --local-port} against curl, over loopback: the server
 * answers with the peer address it saw (127.0.0.2 is a second local address on Linux).
 */
@Timeout(60)
class FetchSourceAddressVersusCurlTest {
  private static RawServer server;

  @BeforeAll
  static void start() throws IOException {
    Differential.requireCurl();
    server = new RawServer().on("/peer", (request, out, socket) -> {
      String peer = socket.getInetAddress().getHostAddress() + "\n";
      out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + peer.length() + "\r\n\r\n" + peer)
          .getBytes(StandardCharsets.ISO_8859_1));
    });
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anAddressAnInterfaceAndAHostNameAreBound() throws Exception {
    assertAgree(List.of("--interface", "127.0.0.2"), server.url("/peer"));
    assertAgree(List.of("--interface", "host!127.0.0.2"), server.url("/peer"));
    assertAgree(List.of("--interface", "lo"), server.url("/peer"));
    String out = new String(Differential.fetch(List.of("--interface", "127.0.0.2"),
        server.url("/peer")).stdout(), StandardCharsets.ISO_8859_1);
    assertTrue(out.startsWith("127.0.0.2\n"), out);
  }

  @Test
  void unbindableSourcesExit45() throws Exception {
    assertAgree(List.of("--interface", "192.0.2.1"), server.url("/peer"), false);
    assertAgree(List.of("--interface", "if!nosuchif"), server.url("/peer"), false);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = String.valueOf(taken.getLocalPort());
      assertAgree(List.of("--interface", "127.0.0.1", "--local-port", port),
          server.url("/peer"), false);
      assertEquals(45, Differential.fetch(List.of("--interface", "127.0.0.1", "--local-port",
          port + "-" + port), server.url("/peer")).exitCode());
    }
  }

  @Test
  void aBadLocalPortIsAUsageError() throws Exception {
    assertAgree(List.of("--local-port", "abc"), server.url("/peer"), false);
    assertAgree(List.of("--local-port", "9-3"), server.url("/peer"), false);
  }
}
