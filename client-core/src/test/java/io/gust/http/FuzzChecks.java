package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import okio.Buffer;

/** The assertions every codec fuzz harness makes about a failure it was allowed to see. */
public final class FuzzChecks {
  private FuzzChecks() {}

  /**
   * Asserts that {@code error} is a well-formed codec error under {@code limits}: it has a
   * message and a phase, and a size error names the configured value of its limit.
   */
  public static void assertWellFormed(HttpProtocolException error, CodecLimits limits, long maxDecodedBytes) {
    assertNotNull(error.getMessage());
    assertTrue(error.phase() == Phase.HEADERS || error.phase() == Phase.BODY, error.phase()::toString);
    if (error instanceof MessageTooLargeException) {
      MessageTooLargeException tooLarge = (MessageTooLargeException) error;
      assertEquals(expectedLimitValue(tooLarge.limit(), limits, maxDecodedBytes), tooLarge.limitValue());
    }
  }

  private static long expectedLimitValue(
      MessageTooLargeException.Limit limit, CodecLimits limits, long maxDecodedBytes) {
    switch (limit) {
      case HEAD_BYTES:
        return limits.maxHeadBytes();
      case HEADER_COUNT:
        return limits.maxHeaderCount();
      case CHUNK_LINE_BYTES:
        return ChunkedDecoder.MAX_CHUNK_LINE_BYTES;
      case BODY_BYTES:
        return limits.maxBodyBytes();
      default:
        return maxDecodedBytes;
    }
  }

  /** Asserts that a head parser asking for more input holds less than a head's worth of it. */
  static void assertHeadPending(Buffer in, CodecLimits limits) {
    assertTrue(in.size() < limits.maxHeadBytes(), "a head grew past its limit");
  }

  /**
   * Asserts that a body decoder asking for more input holds no more than a chunk-size line or a
   * trailer section, and has produced no more than the body limit.
   */
  static void assertBodyPending(Buffer in, Buffer body, CodecLimits limits) {
    assertTrue(body.size() <= limits.maxBodyBytes(), "a body grew past its limit");
    assertTrue(in.size() < ChunkedDecoder.MAX_CHUNK_LINE_BYTES + limits.maxHeadBytes(),
        "a chunked body buffered more than a size line or a trailer section");
  }

  /**
   * Describes a failure for comparing runs of one input split differently: only its phase, since
   * a message with two faults (a bad chunk and corrupt gzip inside it) may show either first,
   * depending on where the reads split.
   */
  public static String describe(HttpProtocolException error) {
    return "failed in " + error.phase();
  }

  /**
   * Asserts that a reader asking for more input holds no more than a head, or a chunk-size line
   * and a trailer section: what a head parser or a body decoder may keep unconsumed.
   */
  public static void assertPendingBounded(Buffer in, CodecLimits limits) {
    assertTrue(in.size() < ChunkedDecoder.MAX_CHUNK_LINE_BYTES + limits.maxHeadBytes(),
        "a reader left more unconsumed than a head or a chunk line and trailers");
  }

  /** Fails a harness whose parser goes round without consuming input. */
  static final class ProgressGuard {
    private long lastSize = -1;
    private int idleRounds;

    /** Call once per round of parsing; fails after four rounds in a row that consumed nothing. */
    void round(Buffer in) {
      idleRounds = in.size() == lastSize ? idleRounds + 1 : 0;
      assertTrue(idleRounds < 4, "parsing makes no progress");
      lastSize = in.size();
    }
  }
}
