package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpRequest;
import io.gust.client.Protocol;
import okio.Buffer;
import okio.ByteString;

/**
 * Writes HTTP/1.1 message heads and chunked framing into okio buffers, byte for byte as given:
 * it adds no field of its own (the client and server decide on Host, Content-Length,
 * Transfer-Encoding, Connection and the rest). Field names and values were checked when their
 * {@link Headers} were built; the method, target and reason are checked here, so nothing written
 * can split a message.
 */
public final class Http1Writer {
  private static final HeadersAccess ACCESS = HeadersAccess.get();

  private Http1Writer() {}

  /**
   * Writes {@code METHOD SP target SP HTTP/1.1 CRLF}, each field, then CRLF. Throws
   * IllegalArgumentException when the method is not a token or the target holds anything but
   * visible ASCII.
   */
  public static void writeRequestHead(Buffer out, String method, String target, Headers headers) {
    HttpChars.checkToken(method, "method");
    checkTarget(target);
    out.writeUtf8(method).writeByte(' ').writeUtf8(target).writeUtf8(" HTTP/1.1\r\n");
    ACCESS.writeTo(headers, out);
    out.writeByte('\r').writeByte('\n');
  }

  /** Writes the head of {@code request} with {@code headers}, which the caller has completed. */
  public static void writeRequestHead(Buffer out, HttpRequest request, Headers headers) {
    writeRequestHead(out, request.method(), request.requestTarget(), headers);
  }

  private static void checkTarget(String target) {
    if (target.isEmpty()) {
      throw new IllegalArgumentException("empty request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            "request target has a space, control or non-ASCII character at " + i);
      }
    }
  }

  /**
   * Writes {@code protocol SP code SP reason CRLF}, each field, then CRLF. A null reason writes
   * the standard phrase for the code (empty for an unknown code).
   */
  public static void writeResponseHead(
      Buffer out, Protocol protocol, int code, String reason, Headers headers) {
    writeStatusLine(out, protocol, code, reason);
    ACCESS.writeTo(headers, out);
    out.writeByte('\r').writeByte('\n');
  }

  /**
   * Writes the status line alone, {@code protocol SP code SP reason CRLF}, as {@link
   * #writeResponseHead} does; the caller writes the fields and the blank line after it.
   */
  public static void writeStatusLine(Buffer out, Protocol protocol, int code, String reason) {
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException("status code not in [100, 999]: " + code);
    }
    String phrase = reason != null ? reason : ReasonPhrases.of(code);
    if (HttpChars.invalidFieldChar(phrase) >= 0) {
      throw new IllegalArgumentException("reason phrase has a control character");
    }
    out.writeUtf8(protocol.toString()).writeByte(' ').writeDecimalLong(code).writeByte(' ');
    out.writeUtf8(phrase).writeByte('\r').writeByte('\n');
  }

  /** Writes each of {@code headers} as {@code name: value CRLF}, with no blank line after. */
  public static void writeFields(Buffer out, Headers headers) {
    ACCESS.writeTo(headers, out);
  }

  /**
   * Moves {@code byteCount} bytes from {@code data} into {@code out} as one chunk: {@code size-hex
   * CRLF data CRLF}. Writes nothing for zero bytes, which would end the body.
   */
  public static void writeChunk(Buffer out, Buffer data, long byteCount) {
    if (byteCount == 0) {
      return;
    }
    out.writeHexadecimalUnsignedLong(byteCount).writeByte('\r').writeByte('\n');
    out.write(data, byteCount);
    out.writeByte('\r').writeByte('\n');
  }

  /** Writes {@code chunk} into {@code out} as one chunk; nothing when it is empty. */
  public static void writeChunk(Buffer out, ByteString chunk) {
    if (chunk.size() == 0) {
      return;
    }
    out.writeHexadecimalUnsignedLong(chunk.size()).writeByte('\r').writeByte('\n');
    out.write(chunk);
    out.writeByte('\r').writeByte('\n');
  }

  /** Writes the last chunk, the trailer fields (possibly none) and the final CRLF. */
  public static void writeLastChunk(Buffer out, Headers trailers) {
    out.writeByte('0').writeByte('\r').writeByte('\n');
    ACCESS.writeTo(trailers, out);
    out.writeByte('\r').writeByte('\n');
  }
}
