package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gust.http.BodyFraming;
import io.gust.http.CodecLimits;
import io.gust.http.RequestHead;
import io.gust.http.RequestHeadParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the API's validation of URLs, method tokens, header fields and body content types, and
 * the client's production {@link RequestWriter}: whatever the API refuses must be refused with
 * IllegalArgumentException, and whatever it accepts must make the client write a request head
 * that the server's parser reads back as exactly one request with the same method and target,
 * every field the caller set (but framing) in order, one Host, and the body framing the writer
 * chose, so that no accepted input can split or smuggle a request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestValidationFuzzTest {
  private static final CodecLimits LIMITS = new CodecLimits(1 << 20, 1000, 0);
  private static final InMemoryExchanges EXCHANGES = new InMemoryExchanges(1 << 20, 1 << 20);

  @AfterAll
  static void closeLoop() {
    EXCHANGES.close();
  }

  @FuzzTest(maxDuration = "2m")
  void acceptedRequestsWriteExactlyOneHead(FuzzedDataProvider data) throws Exception {
    String url = data.consumeString(200);
    String method = data.consumeString(12);
    List<String> fields = new ArrayList<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      fields.add(data.consumeString(16));
      fields.add(data.consumeString(40));
    }
    int bodySize = data.consumeInt(-1, 64);
    String contentType = data.consumeString(30);
    boolean decompress = data.consumeBoolean();
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(url);
    } catch (IllegalArgumentException refused) {
      return;
    }
    RequestBody body = body(bodySize, contentType);
    try {
      builder.method(method, body);
    } catch (IllegalArgumentException refused) {
      builder.get();
      body = null;
    }
    for (int i = 0; i < fields.size(); i += 2) {
      try {
        builder.header(fields.get(i), fields.get(i + 1));
      } catch (IllegalArgumentException refused) {
        // The field is left out; the others still go.
      }
    }
    HttpRequest request = builder.decompress(decompress).build();
    long length = body == null ? (expectsBody(request.method()) ? 0 : -1) : body.contentLength();
    assertReadBack(request, length, EXCHANGES.writeHead(request, length));
  }

  private static RequestBody body(int size, String contentType) {
    if (size < 0) {
      return null;
    }
    try {
      return RequestBody.of(ByteString.of(new byte[size]), contentType.isEmpty() ? null : contentType);
    } catch (IllegalArgumentException refused) {
      return RequestBody.of(ByteString.of(new byte[size]), null);
    }
  }

  private static boolean expectsBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static void assertReadBack(HttpRequest request, long length, Buffer wire)
      throws HttpProtocolException {
    RequestHead head = new RequestHeadParser(LIMITS).parse(wire);
    assertNotNull(head, "the head does not end");
    assertEquals(0, wire.size(), "bytes after the head");
    assertEquals(request.method(), head.method());
    assertEquals(request.requestTarget(), head.target());
    Headers sent = head.headers();
    Headers set = request.headers();
    assertEquals(Math.max(1, set.values("Host").size()), sent.values("Host").size(),
        "the caller's Host fields, or the one the client adds");
    int at = 0;
    for (int i = 0; i < set.size(); i++) {
      if (isFraming(set.name(i))) {
        continue;
      }
      while (at < sent.size() && !(sent.name(at).equals(set.name(i))
          && sent.value(at).equals(onTheWire(set.value(i))))) {
        at++;
      }
      assertTrue(at < sent.size(), () -> "field missing or out of order: " + set + " sent as " + sent);
      at++;
    }
    BodyFraming framing = BodyFraming.forRequest(head);
    assertEquals(Math.max(length, 0), Math.max(framing.contentLength(), 0), framing::toString);
    assertTrue(sent.values("Content-Length").size() + sent.values("Transfer-Encoding").size() <= 1,
        "at most one framing field");
  }

  private static boolean isFraming(String name) {
    return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
  }

  /** Returns a value as a parser reads it back: trimmed (values wider than Latin-1 are refused). */
  private static String onTheWire(String value) {
    return value.replaceAll("^[ \\t]+|[ \\t]+$", "");
  }
}
