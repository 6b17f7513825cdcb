package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gust.http.CodecLimits;
import io.gust.http.FuzzChecks;
import io.gust.http.FuzzInput;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the client reads from a connection, through the production {@link ResponseReader}
 * of a real exchange fed in memory: response heads (1xx skipped), body framing (fixed length,
 * chunked with trailers, until close, none), content decoding and the limits, delivered in pieces
 * the fuzzer chooses. Each input runs twice, whole and in pieces, and both runs must end the
 * fetch the same way; a failure must be a well-formed protocol error.
 *
 * <p>Options byte: bits 0-2 pick the request method, bit 3 asks for content decoding.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResponseFuzzTest {
  private static final String[] METHODS = {"GET", "HEAD", "POST", "CONNECT", "PUT", "OPTIONS", "DELETE", "GET"};
  private static final InMemoryExchanges EXCHANGES = new InMemoryExchanges(1024, 4096);

  @AfterAll
  static void closeLoop() {
    EXCHANGES.close();
  }

  @FuzzTest(maxDuration = "2m")
  void responsesParseOrFailTyped(byte[] bytes) throws Exception {
    FuzzInput input = FuzzInput.of(bytes);
    String method = METHODS[input.options() & 7];
    RequestBody body = method.startsWith("P") ? RequestBody.of(new byte[0]) : null;
    HttpRequest request = HttpRequest.newBuilder("http://fuzz.test/").method(method, body)
        .decompress((input.options() & 8) != 0).followRedirects(false).build();
    String whole = outcome(request, input.whole());
    String pieces = outcome(request, input.pieces());
    assertEquals(whole, pieces, "the outcome depends on how the bytes were split");
  }

  /** Describes how the fetch ended, after checking what it reported. */
  private static String outcome(HttpRequest request, FuzzInput.Pieces pieces) throws Exception {
    CodecLimits limits = EXCHANGES.limits();
    HttpResponse response;
    try {
      response = EXCHANGES.read(request, pieces);
    } catch (ExecutionException e) {
      HttpProtocolException error = assertInstanceOf(HttpProtocolException.class, e.getCause(),
          "a response the client cannot read must fail as a protocol error");
      assertTrue(error.request() == request, "the failure names the request");
      FuzzChecks.assertWellFormed(error, limits, limits.maxBodyBytes());
      return FuzzChecks.describe(error);
    }
    assertTrue(response.body().size() <= limits.maxBodyBytes(), "a body grew past its limit");
    assertTrue(response.headers().size() <= limits.maxHeaderCount(), "too many fields");
    assertTrue(response.trailers().size() <= limits.maxHeaderCount(), "too many trailer fields");
    return response.code() + " " + response.reason() + " " + response.headers() + " body="
        + response.body().hex() + " trailers=" + response.trailers();
  }
}
