package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import io.gust.http.CodecLimits;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ResponseHeadsTest {
  private final ServerContext context =
      new ServerContext(new Router(List.of()), CodecLimits.SERVER, 1, 1, 1, "gust", null);

  private static String head(Response response, long length, boolean close, Protocol protocol,
      ServerContext context) {
    Buffer out = new Buffer();
    ResponseHeads.write(out, response, length, close, protocol, context);
    // The date is the current second's; its own test is HttpDateTest.
    return out.readUtf8().replaceFirst("Date: [^\r]+\r\n", "Date: D\r\n");
  }

  @Test
  void theUsualHeadHasTheHandlersFieldsThenTheServersInOrder() {
    String head = head(Response.ok("hi\n"), 3, false, Protocol.HTTP_1_1, context);
    assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: D\r\n"
        + "Server: gust\r\nContent-Length: 3\r\n\r\n", head);
    assertTrue(head(Response.status(204), 0, true, Protocol.HTTP_1_0, context)
        .endsWith("Server: gust\r\nConnection: close\r\n\r\n"));
    assertTrue(head(Response.ok("x"), -1, false, Protocol.HTTP_1_0, context)
        .endsWith("Server: gust\r\nConnection: keep-alive\r\n\r\n"));
    assertTrue(head(Response.ok("x"), -1, false, Protocol.HTTP_1_1, context)
        .endsWith("Transfer-Encoding: chunked\r\n\r\n"));
  }

  @Test
  void fieldsTheServerOwnsAreReplacedInPlaceOrDropped() {
    Response response = Response.ok("hi\n").withHeaders(Headers.of("Date", "yesterday",
        "X-A", "1", "Content-Length", "99", "Connection", "upgrade", "server", "other"));
    String head = head(response, 3, false, Protocol.HTTP_1_1, context);
    assertEquals("HTTP/1.1 200 OK\r\nDate: D\r\nX-A: 1\r\n"
        + "Server: gust\r\nContent-Length: 3\r\n\r\n", head);
  }

  @Test
  void aServerNameThatIsNoFieldValueIsRefusedWhenTheServerIsBuilt() {
    assertThrows(IllegalArgumentException.class,
        () -> HttpServer.builder().serverName("bad\r\nname").build());
  }
}
