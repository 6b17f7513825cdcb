package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the API's validation of URLs, method tokens and header fields: whatever it refuses must
 * be refused with IllegalArgumentException, and whatever it accepts must write a request head
 * that the server's parser reads back as exactly one request with the same method, target and
 * fields, so that no accepted input can split or smuggle a request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestValidationFuzzTest {
  private static final CodecLimits LIMITS = new CodecLimits(1 << 20, 1000, 0);

  @FuzzTest(maxDuration = "2m")
  void acceptedRequestsWriteExactlyOneHead(FuzzedDataProvider data) throws HttpProtocolException {
    String url = data.consumeString(200);
    String method = data.consumeString(12);
    List<String> fields = new ArrayList<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      fields.add(data.consumeString(16));
      fields.add(data.consumeString(40));
    }
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(url);
    } catch (IllegalArgumentException refused) {
      return;
    }
    try {
      builder.method(method, null);
    } catch (IllegalArgumentException refused) {
      builder.get();
    }
    for (int i = 0; i < fields.size(); i += 2) {
      try {
        builder.header(fields.get(i), fields.get(i + 1));
      } catch (IllegalArgumentException refused) {
        // The field is left out; the others still go.
      }
    }
    HttpRequest request = builder.build();
    Headers headers = request.headers().newBuilder().add("Host", request.hostHeader()).build();
    Buffer wire = new Buffer();
    Http1Writer.writeRequestHead(wire, request, headers);
    RequestHead head = new RequestHeadParser(LIMITS).parse(wire);
    assertNotNull(head, "the head does not end");
    assertEquals(0, wire.size(), "bytes after the head");
    assertEquals(request.method(), head.method());
    assertEquals(request.requestTarget(), head.target());
    assertEquals(headers.size(), head.headers().size());
    for (int i = 0; i < headers.size(); i++) {
      assertEquals(headers.name(i), head.headers().name(i));
      assertEquals(onTheWire(headers.value(i)), head.headers().value(i));
    }
  }

  /** Returns a value as a parser reads it back: trimmed (values wider than Latin-1 are refused). */
  private static String onTheWire(String value) {
    return value.replaceAll("^[ \\t]+|[ \\t]+$", "");
  }
}
