package io.gust.http;

import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.TruncatedBodyException;
import java.util.Locale;
import java.util.Set;
import okio.Buffer;

/**
 * Undoes a Content-Encoding (gzip, deflate, and br or zstd when their optional libraries are
 * present) incrementally, as body bytes arrive. Output is
 * capped: passing the cap fails at once with {@link MessageTooLargeException} ({@link
 * MessageTooLargeException.Limit#DECODED_BODY_BYTES}), before the excess is inflated, which
 * defuses decompression bombs. Corrupt input fails with {@link HttpProtocolException}.
 *
 * <p>Holds a native decoder: {@link #close()} it when done, on success or
 * failure. Loop-confined; one per message.
 */
public interface ContentDecoder extends AutoCloseable {
  /**
   * Returns a decoder for a Content-Encoding field value, or null when the body should pass
   * through unchanged: no value, {@code identity}, or a coding Gust does not decode (unknown
   * names, or more than one coding), in which case the field should be left in place.
   */
  static ContentDecoder forEncoding(String contentEncoding, long maxDecodedBytes) {
    return forEncoding(contentEncoding, maxDecodedBytes, DEFAULT_CODINGS);
  }

  /** The codings decoded unless a client asks for others. */
  Set<String> DEFAULT_CODINGS = Set.of("gzip", "deflate");

  /**
   * Like {@link #forEncoding(String, long)}, decoding only the {@code accepted} codings (tokens
   * such as {@code br}, whose library the caller checked with {@link OptionalCodings}); others
   * pass through.
   */
  static ContentDecoder forEncoding(String contentEncoding, long maxDecodedBytes,
      Set<String> accepted) {
    if (contentEncoding == null) {
      return null;
    }
    String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (coding.equals("x-gzip")) {
      coding = "gzip";
    }
    if (!accepted.contains(coding)) {
      return null;
    }
    switch (coding) {
      case "gzip":
        return new GzipDecoder(maxDecodedBytes);
      case "deflate":
        return new DeflateDecoder(maxDecodedBytes);
      case "br":
        return new BrotliDecoder(maxDecodedBytes);
      case "zstd":
        return new ZstdDecoder(maxDecodedBytes);
      default:
        return null;
    }
  }

  /** Decodes all of {@code in} into {@code out}, keeping what a later call needs. */
  void decode(Buffer in, Buffer out) throws HttpProtocolException;

  /**
   * Reports the end of the body. Throws {@link TruncatedBodyException} when the compressed
   * stream stopped short. An empty body is accepted as empty content.
   */
  void finish() throws HttpProtocolException;

  /** Releases the native decoder; idempotent. */
  @Override
  void close();
}
