package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Settings;
import io.gust.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What works over HTTP/1.1 works over HTTP/2, against a scripted server that shows what the client
 * sent: decompression, interceptors, the timing breakdown, the request's fields mapped onto
 * HTTP/2's, a malformed response head that costs only its stream.
 */
@Timeout(60)
class Http2FeaturesEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private static String field(List<HeaderField> fields, String name) {
    for (HeaderField field : fields) {
      if (field.name().equals(name)) {
        return field.value();
      }
    }
    return null;
  }

  @Test
  void gzipBodyIsDecodedAndInterceptorsAndTimingsWork() throws Exception {
    byte[] text = "decoded over h2 ".repeat(100).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(text);
    }
    CompletableFuture<List<HeaderField>> seen = new CompletableFuture<>();
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      Frame.Headers request = peer.next(Frame.Headers.class);
      seen.complete(request.fields());
      Buffer out = new Buffer();
      peer.writer.headers(out, request.streamId(), false, List.of(
          new HeaderField(":status", "200"), new HeaderField("content-encoding", "gzip")));
      Buffer body = new Buffer().write(gzipped.toByteArray());
      peer.writer.data(out, request.streamId(), true, body, (int) body.size());
      peer.send(out);
      peer.awaitClose();
    }));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("X-Intercepted", "yes").build()))
        .build());
    HttpRequest request = HttpRequest.newBuilder(server.url("/g?q=1"))
        .header("Connection", "keep-alive").header("Authorization", "Bearer secret").build();
    HttpResponse response = client.fetch(request).get(10, TimeUnit.SECONDS);
    assertEquals(new String(text, StandardCharsets.UTF_8), response.bodyString());
    List<HeaderField> fields = seen.get(5, TimeUnit.SECONDS);
    assertEquals("GET", field(fields, ":method"));
    assertEquals("/g?q=1", field(fields, ":path"));
    assertEquals("http", field(fields, ":scheme"));
    assertEquals("yes", field(fields, "x-intercepted"));
    assertEquals("Bearer secret", field(fields, "authorization"));
    assertEquals("gzip, deflate", field(fields, "accept-encoding"));
    assertEquals(null, field(fields, "connection"), "connection-specific fields are not sent");
    assertFalse(response.timings().total().isNegative());
    assertTrue(response.timings().firstByte().compareTo(response.timings().total()) <= 0);
    client.close();
    server.verify();
  }

  @Test
  void malformedResponseHeadResetsOnlyItsStream() throws Exception {
    ScriptedHttp2Server server = leaks.closing(new ScriptedHttp2Server((peer, index) -> {
      peer.handshake(Http2Settings.DEFAULTS, true);
      int id = peer.next(Frame.Headers.class).streamId();
      Buffer out = new Buffer();
      peer.writer.headers(out, id, true, List.of(new HeaderField(":status", "200"),
          new HeaderField("x-shared", "in the table"), new HeaderField("Bad-Name", "upper")));
      peer.send(out);
      Frame.RstStream reset = peer.next(Frame.RstStream.class);
      assertEquals(ErrorCode.PROTOCOL_ERROR, reset.errorCode());
      int next = peer.next(Frame.Headers.class).streamId();
      out = new Buffer();
      peer.writer.headers(out, next, true, List.of(new HeaderField(":status", "204"),
          new HeaderField("x-shared", "in the table")));
      peer.send(out);
      peer.awaitClose();
    }));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2)
        .build());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.fetch(server.url("/bad")).get(10, TimeUnit.SECONDS));
    Http2StreamException malformed = assertInstanceOf(Http2StreamException.class,
        failure.getCause());
    assertEquals("PROTOCOL_ERROR", malformed.errorName());
    HttpResponse next = client.fetch(server.url("/good")).get(10, TimeUnit.SECONDS);
    assertEquals(204, next.code());
    assertEquals("in the table", next.header("x-shared"));
    client.close();
    server.verify();
  }
}
