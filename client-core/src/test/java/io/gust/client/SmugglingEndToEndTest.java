package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Responses framed the ways request smuggling and response splitting rely on, and heads past the
 * field count limit: each fails its fetch with a typed error, and the connection that carried it
 * never carries another exchange.
 */
@Timeout(20)
class SmugglingEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
  private ScriptedServer server;

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  /** The first connection answers with {@code framing}, then "reused" to anything else it gets. */
  private void serveBadThenFresh(String framing) throws Exception {
    serveFirstThenFresh("HTTP/1.1 200 OK\r\n" + framing + "\r\n\r\n0\r\n\r\n");
  }

  /** The first connection answers with {@code first}, then "reused" to anything else it gets. */
  private void serveFirstThenFresh(String first) throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      if (index > 0) {
        write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
        in.read();
        return;
      }
      write(socket, first);
      while (readHead(in) != null) {
        write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nreused");
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Transfer-Encoding: chunked\r\nContent-Length: 5",
      "Content-Length: 5\r\nTransfer-Encoding: chunked",
      "Content-Length: 5\r\nContent-Length: 6",
      "Content-Length: 5, 6",
      "Content-Length: +5",
      "Transfer-Encoding: chunked, chunked",
      "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
      "Transfer-Encoding: ,",
  })
  void smugglingFramingFailsTheFetchAndTheConnectionIsNotReused(String framing) throws Exception {
    serveBadThenFresh(framing);
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/")).get(5, TimeUnit.SECONDS));
    assertInstanceOf(HttpProtocolException.class, error.getCause());
    HttpResponse next = client.fetch(server.url("/")).get(5, TimeUnit.SECONDS);
    assertEquals("fresh", next.bodyString());
    assertFalse(next.isConnectionReused());
    assertEquals(2, server.acceptedCount());
  }

  /** Regression: "chunked x" was framed as chunked, and codings before chunked were skipped. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "chunked x | BAD_TRANSFER_ENCODING",
      "chunked; | BAD_TRANSFER_ENCODING",
      "chunked;x=\"1 | BAD_TRANSFER_ENCODING",
      "gzip, chunked | UNSUPPORTED_TRANSFER_CODING",
      "chunked, gzip | UNSUPPORTED_TRANSFER_CODING",
      "chunked;x=1 | UNSUPPORTED_TRANSFER_CODING",
      "identity | UNSUPPORTED_TRANSFER_CODING",
  })
  void transferCodingOtherThanBareChunkedFailsTypedAndIsNotReused(
      String codings, HttpProtocolException.Kind kind) throws Exception {
    serveBadThenFresh("Transfer-Encoding: " + codings);
    assertFailsThenFetchesFresh(kind, Phase.HEADERS);
  }

  /** Asserts the first fetch fails with {@code kind} in {@code phase}, the next one is fresh. */
  private void assertFailsThenFetchesFresh(HttpProtocolException.Kind kind, Phase phase)
      throws Exception {
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/")).get(5, TimeUnit.SECONDS));
    HttpProtocolException protocol =
        assertInstanceOf(HttpProtocolException.class, error.getCause());
    assertEquals(kind, protocol.kind());
    assertEquals(phase, protocol.phase());
    HttpResponse next = client.fetch(server.url("/")).get(5, TimeUnit.SECONDS);
    assertEquals("fresh", next.bodyString());
    assertFalse(next.isConnectionReused());
  }

  /** Regression: a bare LF was taken as the end of a chunk-size line and of chunk data. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3\\nabc\\r\\n0\\r\\n\\r\\n | BAD_CHUNK",
      "3\\r\\nabc\\n0\\r\\n\\r\\n | BAD_CHUNK",
      "3\\r\\nabc\\r\\n0\\n\\r\\n | BAD_CHUNK",
      "3\\r\\nabc\\r\\n0\\r\\nA: 1\\n\\r\\n | BAD_HEADER",
      "3\\r\\nabc\\r\\n0\\r\\n\\n | BAD_HEADER",
  })
  void bareLineFeedInChunkedFramingFailsTypedAndIsNotReused(
      String escapedBody, HttpProtocolException.Kind kind) throws Exception {
    String body = escapedBody.replace("\\r", "\r").replace("\\n", "\n");
    serveFirstThenFresh("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    assertFailsThenFetchesFresh(kind, Phase.BODY);
  }

  @Test
  void headOfEndlessTinyFieldsFailsTooLargeByTheHeadByteLimit() throws Exception {
    String fields = "X:b\r\n".repeat(70_000);
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\n" + fields + "Content-Length: 0\r\n\r\n");
      socket.getInputStream().read();
    });
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/")).get(5, TimeUnit.SECONDS));
    MessageTooLargeException tooLarge =
        assertInstanceOf(MessageTooLargeException.class, error.getCause());
    assertEquals(MessageTooLargeException.Limit.HEAD_BYTES, tooLarge.limit());
  }
}
