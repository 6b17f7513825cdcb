package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request head as the client puts it on the wire, read back byte for byte by a raw server. */
@Timeout(20)
class RequestHeadEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  /** Regression: the client wrote a Latin-1 header value as UTF-8, unlike the codec's writer. */
  @Test
  void latin1HeaderValueTravelsAsOneBytePerCharacter() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    try (ScriptedServer server = ScriptedServer.start((socket, index) -> {
      seen.complete(ScriptedServer.readHead(socket.getInputStream()));
      ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    })) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
      HttpRequest request = HttpRequest.newBuilder(server.url("/caf")).header("X-Name", "caf\u00e9").build();
      HttpResponse response = client.fetch(request).get(10, TimeUnit.SECONDS);
      assertEquals(200, response.code());
      String head = seen.get(5, TimeUnit.SECONDS);
      assertTrue(head.contains("\r\nX-Name: caf\u00e9\r\n"), head);
      assertTrue(head.startsWith("GET /caf HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"),
          head);
      assertTrue(head.endsWith("\r\nUser-Agent: Gust/0.1\r\nAccept-Encoding: gzip, deflate\r\n\r\n"),
          head);
    }
  }
}
