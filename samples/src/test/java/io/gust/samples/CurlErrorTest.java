package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.client.HttpProtocolException.Kind;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import io.gust.client.TruncatedBodyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CurlErrorTest {
  private static int exitCode(Kind kind, Phase phase) {
    return CurlError.of(new HttpProtocolException(kind, "whatever the words", phase), 0).exitCode();
  }

  @Test
  void protocolErrorsMapByKindNotByMessage() {
    assertEquals(CurlError.EMPTY_REPLY, exitCode(Kind.EMPTY_RESPONSE, Phase.HEADERS));
    assertEquals(CurlError.UNSUPPORTED_PROTOCOL, exitCode(Kind.BAD_STATUS_LINE, Phase.HEADERS));
    assertEquals(CurlError.RECEIVE_ERROR, exitCode(Kind.TRUNCATED_HEAD, Phase.HEADERS));
    assertEquals(CurlError.WEIRD_REPLY, exitCode(Kind.BAD_HEADER, Phase.HEADERS));
    assertEquals(CurlError.WEIRD_REPLY, exitCode(Kind.BAD_CONTENT_LENGTH, Phase.HEADERS));
    assertEquals(CurlError.RECEIVE_ERROR, exitCode(Kind.BAD_CHUNK, Phase.BODY));
    assertEquals(CurlError.RECEIVE_ERROR, exitCode(Kind.BAD_HEADER, Phase.BODY));
    assertEquals(CurlError.BAD_CONTENT_ENCODING, exitCode(Kind.BAD_CONTENT_ENCODING, Phase.BODY));
  }

  @Test
  void truncatedBodyIsAPartialFileAndALimitInTheBodyAReceiveError() {
    assertEquals(CurlError.PARTIAL_FILE,
        CurlError.of(new TruncatedBodyException("gzip stream truncated"), 0).exitCode());
    assertEquals(CurlError.RECEIVE_ERROR, CurlError.of(new MessageTooLargeException(
        MessageTooLargeException.Limit.DECODED_BODY_BYTES, 10, Phase.BODY), 0).exitCode());
  }
}
