package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class MisbehavingServerEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private AsyncHttpClient client;
  private ScriptedServer server;
  /** Request heads the server read, in order. */
  private final LinkedBlockingQueue<String> heads = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() {
    client = leaks.track(AsyncHttpClient.create());
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  /** Serves one canned reply per request, then does what {@code after} says. */
  private void replyWith(String reply) throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      String head = readHead(socket.getInputStream());
      heads.add(head);
      write(socket, reply);
      socket.getInputStream().read();
    });
  }

  private static HttpClientException failure(CompletableFuture<HttpResponse> future) {
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> future.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(HttpClientException.class, error.getCause());
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void malformedStatusLineFailsAtOnceNotAsATimeout() throws Exception {
    replyWith("HTTP/1.1 2x0 Broken\r\n\r\n");
    HttpClientException error = failure(client.fetch(server.url("/")));
    assertEquals(HttpProtocolException.Kind.BAD_STATUS_LINE,
        assertInstanceOf(HttpProtocolException.class, error).kind());
    assertEquals(Phase.HEADERS, error.phase());
  }

  @Test
  void closeBeforeAnyByteIsAnEmptyResponseAndCloseMidHeadATruncatedOne() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      if (index == 1) {
        write(socket, "HTTP/1.1 200 OK\r\nContent-Le");
      }
    });
    HttpClientException empty = failure(client.fetch(server.url("/")));
    assertEquals(HttpProtocolException.Kind.EMPTY_RESPONSE,
        assertInstanceOf(HttpProtocolException.class, empty).kind());
    HttpClientException cut = failure(client.fetch(server.url("/")));
    assertEquals(HttpProtocolException.Kind.TRUNCATED_HEAD,
        assertInstanceOf(HttpProtocolException.class, cut).kind());
    assertEquals(Phase.HEADERS, cut.phase());
  }

  @Test
  void badHeaderLineFailsAtOnce() throws Exception {
    replyWith("HTTP/1.1 200 OK\r\nNo colon here\r\nContent-Length: 0\r\n\r\n");
    assertInstanceOf(HttpProtocolException.class, failure(client.fetch(server.url("/"))));
  }

  @Test
  void bodyShorterThanAnnouncedFailsTruncated() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
    });
    HttpClientException error = failure(client.fetch(server.url("/")));
    assertInstanceOf(TruncatedBodyException.class, error);
    assertEquals(Phase.BODY, error.phase());
  }

  @Test
  void oversizeHeadFailsTooLarge() throws Exception {
    replyWith("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
    try (AsyncHttpClient small = AsyncHttpClient.builder().maxHeaderBytes(1024).build()) {
      assertInstanceOf(MessageTooLargeException.class, failure(small.fetch(server.url("/"))));
    }
  }

  @Test
  void oversizeBodyFailsTooLarge() throws Exception {
    replyWith("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "b".repeat(5000));
    try (AsyncHttpClient small = AsyncHttpClient.builder().maxBodyBytes(1000).build()) {
      assertInstanceOf(MessageTooLargeException.class, failure(small.fetch(server.url("/"))));
    }
  }

  @Test
  void chunkedBodyWithTrailersIsDecoded() throws Exception {
    replyWith("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Checksum: 42\r\n\r\n");
    HttpResponse response = await(client.fetch(server.url("/")));
    assertEquals("abcde", response.bodyString());
    assertEquals("42", response.trailers().get("X-Checksum"));
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    replyWith("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    assertEquals("ok", await(client.fetch(server.url("/"))).bodyString());
  }

  @Test
  void http10ResponseWithoutKeepAliveClosesTheConnection() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
      socket.getInputStream().read();
    });
    HttpResponse first = await(client.fetch(server.url("/")));
    HttpResponse second = await(client.fetch(server.url("/")));
    assertEquals("ok", second.bodyString());
    assertFalse(first.isConnectionReused());
    assertFalse(second.isConnectionReused());
    assertEquals(2, server.acceptedCount());
  }

  @Test
  void untilCloseBodyEndsWithTheConnection() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
    });
    assertEquals("all of it", await(client.fetch(server.url("/"))).bodyString());
  }

  @Test
  void gzipAndDeflateBodiesAreDecompressed() throws Exception {
    byte[] text = "compressed text ".repeat(100).getBytes();
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write(text);
    }
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
      out.write(text);
    }
    byte[][] bodies = {gzip.toByteArray(), zlib.toByteArray()};
    String[] codings = {"gzip", "deflate"};
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      for (int i = 0; readHead(in) != null && i < 2; i++) {
        write(socket, "HTTP/1.1 200 OK\r\nContent-Encoding: " + codings[i]
            + "\r\nContent-Length: " + bodies[i].length + "\r\n\r\n");
        socket.getOutputStream().write(bodies[i]);
      }
      in.read();
    });
    for (int i = 0; i < 2; i++) {
      HttpResponse response = await(client.fetch(server.url("/")));
      assertEquals(new String(text), response.bodyString(), codings[i]);
    }
  }

  @Test
  void decompressionBombIsStoppedByTheBodyLimit() throws Exception {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write(new byte[10 * 1024 * 1024]);
    }
    byte[] bomb = gzip.toByteArray();
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
          + bomb.length + "\r\n\r\n");
      socket.getOutputStream().write(bomb);
      socket.getInputStream().read();
    });
    try (AsyncHttpClient limited = AsyncHttpClient.builder().maxBodyBytes(1024 * 1024).build()) {
      MessageTooLargeException error = assertInstanceOf(MessageTooLargeException.class,
          failure(limited.fetch(server.url("/"))));
      assertEquals(MessageTooLargeException.Limit.DECODED_BODY_BYTES, error.limit());
    }
  }

  @Test
  void staleIdleConnectionIsRetriedForGetButNotForPost() throws Exception {
    CountDownLatch firstAnswered = new CountDownLatch(1);
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      if (index == 0) {
        write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        firstAnswered.countDown();
        readHead(in);
        return;
      }
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
      in.read();
    });
    await(client.fetch(server.url("/")));
    HttpResponse retried = await(client.fetch(server.url("/")));
    assertEquals("fresh", retried.bodyString());
    assertEquals(1, retried.retryCount());

    ScriptedServer postServer = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      readHead(in);
    });
    try (postServer) {
      HttpRequest post = HttpRequest.newBuilder(postServer.url("/"))
          .post(RequestBody.ofString("x", "text/plain")).build();
      await(client.fetch(post));
      HttpClientException error = failure(client.fetch(post));
      assertFalse(error instanceof FetchTimeoutException);
      assertEquals(1, postServer.acceptedCount());
    }
  }

  @Test
  void headerWithCrLfIsRejectedBeforeAnyByteIsWritten() throws Exception {
    server = ScriptedServer.start(ScriptedServer::keepAliveOk);
    assertThrows(IllegalArgumentException.class, () -> client.fetch(
        HttpRequest.newBuilder(server.url("/")).header("X-Evil", "a\r\nInjected: 1").build()));
    assertEquals(200, await(client.fetch(server.url("/"))).code());
    assertEquals(1, server.acceptedCount());
  }

  @Test
  void expectContinueSendsTheBodyAfter100() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      heads.add(readHead(in));
      write(socket, "HTTP/1.1 100 Continue\r\n\r\n");
      heads.add(new String(in.readNBytes(4)));
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
      in.read();
    });
    HttpRequest request = HttpRequest.newBuilder(server.url("/"))
        .post(RequestBody.ofString("body", "text/plain")).expectContinue(true).build();
    assertEquals(200, await(client.fetch(request)).code());
    assertTrue(heads.take().contains("Expect: 100-continue"));
    assertEquals("body", heads.take());
  }

  @Test
  void expectContinueAnsweredWithAFinalStatusAndCloseSendsNoBody() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      write(socket, "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n"
          + "Connection: close\r\n\r\n");
      heads.add(String.valueOf(in.read()));
    });
    HttpRequest request = HttpRequest.newBuilder(server.url("/"))
        .post(RequestBody.ofString("body", "text/plain")).expectContinue(true).build();
    assertEquals(417, await(client.fetch(request)).code());
    assertEquals("-1", heads.poll(5, TimeUnit.SECONDS), "body was sent or connection kept");
  }

  /** Regression: a final answer to Expect: 100-continue always closed the connection. */
  @Test
  void expectContinueAnsweredWithAFinalStatusThatKeepsTheConnectionGetsTheBodyAndReuse()
      throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      write(socket, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      heads.add(new String(in.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII));
      heads.add(readHead(in).substring(0, 6));
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      in.read();
    });
    HttpRequest request = HttpRequest.newBuilder(server.url("/"))
        .post(RequestBody.ofString("body", "text/plain")).expectContinue(true).build();
    assertEquals(403, await(client.fetch(request)).code());
    HttpResponse next = await(client.fetch(server.url("/next")));
    assertEquals("ok", next.bodyString());
    assertTrue(next.isConnectionReused());
    assertEquals("body", heads.poll(5, TimeUnit.SECONDS));
    assertEquals("GET /n", heads.poll(5, TimeUnit.SECONDS));
    assertEquals(1, server.acceptedCount());
  }

  @Test
  void resetWhileReadingTheHeadReportsHeadersPhase() throws Exception {
    server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      socket.setSoLinger(true, 0);
      socket.close();
    });
    HttpClientException error = failure(client.fetch(server.url("/")));
    assertEquals(Phase.HEADERS, error.phase());
  }

  @Test
  void unresolvableHostFailsInDnsPhase() {
    HttpClientException error = failure(client.fetch("http://no-such-host.invalid/"));
    assertEquals(Phase.DNS, error.phase());
  }
}
