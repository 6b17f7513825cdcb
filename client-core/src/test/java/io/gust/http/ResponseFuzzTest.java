package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what a client reads from a connection: response heads, body framing (fixed length,
 * chunked with trailers, until close, none), content decoding, and keep-alive sequences of
 * responses, delivered in pieces the fuzzer chooses. Each input runs twice, whole and in pieces,
 * and both runs must tell the same story: the same messages, then the same end.
 *
 * <p>Options byte: bits 0-2 pick the request method, bit 3 asks for content decoding.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResponseFuzzTest {
  private static final CodecLimits LIMITS = new CodecLimits(1024, 16, 4096);
  private static final long MAX_DECODED_BYTES = 8192;
  private static final String[] METHODS = {"GET", "HEAD", "POST", "CONNECT", "PUT", "OPTIONS", "DELETE", "GET"};

  @FuzzTest(maxDuration = "2m")
  void responsesParseOrFailTyped(byte[] bytes) {
    FuzzInput input = FuzzInput.of(bytes);
    String method = METHODS[input.options() & 7];
    boolean decompress = (input.options() & 8) != 0;
    String whole = new ResponseReader(method, decompress).read(input.whole());
    String pieces = new ResponseReader(method, decompress).read(input.pieces());
    assertEquals(whole, pieces, "the outcome depends on how the bytes were split");
  }

  /** Reads responses like a client connection does, and writes down what it saw. */
  private static final class ResponseReader {
    private final String method;
    private final boolean decompress;
    private final ResponseHeadParser parser = new ResponseHeadParser(LIMITS);
    private final Buffer in = new Buffer();
    private final Buffer wire = new Buffer();
    private final Buffer decoded = new Buffer();
    private final StringBuilder transcript = new StringBuilder();
    private ResponseHead head;
    private BodyFraming framing;
    private BodyDecoder decoder;
    private ContentDecoder content;
    private boolean closed;

    ResponseReader(String method, boolean decompress) {
      this.method = method;
      this.decompress = decompress;
    }

    /** Feeds every piece then the end of input; returns the transcript. */
    String read(FuzzInput.Pieces pieces) {
      try {
        while (pieces.hasMore() && !closed) {
          pieces.deliver(in);
          pump();
        }
        if (!closed) {
          endOfInput();
        }
      } catch (HttpProtocolException e) {
        FuzzChecks.assertWellFormed(e, LIMITS, MAX_DECODED_BYTES);
        transcript.append(FuzzChecks.describe(e));
      } finally {
        if (content != null) {
          content.close();
        }
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
          startBody();
        } else if (!decodeBody()) {
          FuzzChecks.assertBodyPending(in, wire, LIMITS);
          return;
        } else {
          endBody();
        }
      }
    }

    private void startBody() throws HttpProtocolException {
      framing = BodyFraming.forResponse(method, head);
      decoder = framing.newDecoder(LIMITS);
      if (decompress && framing.kind() != BodyFraming.Kind.NONE) {
        content = ContentDecoder.forEncoding(head.headers().get("Content-Encoding"), MAX_DECODED_BYTES);
      }
    }

    /** Moves body bytes along; returns true once the body is complete. */
    private boolean decodeBody() throws HttpProtocolException {
      boolean done = decoder.decode(in, wire);
      assertTrue(wire.size() <= LIMITS.maxBodyBytes(), "a body grew past its limit");
      if (content != null) {
        content.decode(wire, decoded);
        assertTrue(decoded.size() <= MAX_DECODED_BYTES, "a decoded body grew past its limit");
      }
      return done;
    }

    private void endBody() throws HttpProtocolException {
      Buffer body = wire;
      if (content != null) {
        content.finish();
        content.close();
        content = null;
        body = decoded;
      }
      Headers trailers = decoder.trailers();
      assertTrue(trailers.size() <= LIMITS.maxHeaderCount(), "too many trailer fields");
      transcript.append(head.code()).append(' ').append(head.reason()).append(' ')
          .append(head.headers()).append(framing).append(" body=")
          .append(body.readByteString().hex())
          .append(" trailers=").append(trailers).append('\n');
      wire.clear();
      decoded.clear();
      decoder = null;
      closed = !framing.isKeepAlive();
    }

    private void endOfInput() throws HttpProtocolException {
      if (decoder == null) {
        transcript.append(in.size() == 0 ? "clean end" : "head cut short");
        return;
      }
      decoder.endOfInput();
      endBody();
      transcript.append("ended by close");
    }
  }
}
