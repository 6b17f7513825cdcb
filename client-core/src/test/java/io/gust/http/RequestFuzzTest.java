package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the server reads from a connection: request heads, request body framing (fixed
 * length or chunked with trailers) and pipelined requests, delivered in pieces the fuzzer
 * chooses. Each input runs whole and in pieces, and both runs must tell the same story. A
 * refused request must carry a status a server may answer with.
 *
 * <p>The options byte is unused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestFuzzTest {
  private static final CodecLimits LIMITS = new CodecLimits(1024, 16, 4096);
  private static final Set<Integer> ERROR_STATUSES = Set.of(400, 413, 431, 501, 505);

  @FuzzTest(maxDuration = "2m")
  void requestsParseOrFailTyped(byte[] bytes) {
    FuzzInput input = FuzzInput.of(bytes);
    String whole = new RequestReader().read(input.whole());
    String pieces = new RequestReader().read(input.pieces());
    assertEquals(whole, pieces, "the outcome depends on how the bytes were split");
  }

  /** Reads requests like a server connection does, and writes down what it saw. */
  private static final class RequestReader {
    private final RequestHeadParser parser = new RequestHeadParser(LIMITS);
    private final Buffer in = new Buffer();
    private final Buffer body = new Buffer();
    private final StringBuilder transcript = new StringBuilder();
    private RequestHead head;
    private BodyFraming framing;
    private BodyDecoder decoder;
    private boolean closed;

    /** Feeds every piece then the end of input; returns the transcript. */
    String read(FuzzInput.Pieces pieces) {
      try {
        while (pieces.hasMore() && !closed) {
          pieces.deliver(in);
          pump();
        }
        if (!closed) {
          transcript.append(decoder != null ? "body cut short" : in.size() == 0 ? "clean end" : "head cut short");
        }
      } catch (HttpProtocolException e) {
        FuzzChecks.assertWellFormed(e, LIMITS, 0);
        assertTrue(ERROR_STATUSES.contains(e.suggestedStatus()), () -> "answers " + e.suggestedStatus());
        transcript.append(e.suggestedStatus()).append(' ').append(FuzzChecks.describe(e));
      }
      return transcript.toString();
    }

    /** Parses as far as the buffered bytes go. */
    private void pump() throws HttpProtocolException {
      FuzzChecks.ProgressGuard guard = new FuzzChecks.ProgressGuard();
      while (!closed) {
        guard.round(in);
        if (decoder == null) {
          head = parser.parse(in);
          if (head == null) {
            FuzzChecks.assertHeadPending(in, LIMITS);
            return;
          }
          framing = BodyFraming.forRequest(head);
          decoder = framing.newDecoder(LIMITS);
        } else if (!decoder.decode(in, body)) {
          FuzzChecks.assertBodyPending(in, body, LIMITS);
          return;
        } else {
          endBody();
        }
      }
    }

    private void endBody() {
      assertTrue(body.size() <= LIMITS.maxBodyBytes(), "a body grew past its limit");
      Headers trailers = decoder.trailers();
      assertTrue(trailers.size() <= LIMITS.maxHeaderCount(), "too many trailer fields");
      String target = head.target();
      for (int i = 0; i < target.length(); i++) {
        char c = target.charAt(i);
        assertTrue(c > ' ' && c < 0x7f, "the target holds a control, space or non-ASCII character");
      }
      transcript.append(head.method()).append(' ').append(target).append(' ').append(head.protocol())
          .append(' ').append(head.headers()).append(framing).append(" body=")
          .append(body.readByteString().hex()).append(" trailers=").append(trailers).append('\n');
      decoder = null;
      closed = !framing.isKeepAlive();
    }
  }
}
