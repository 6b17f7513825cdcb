package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpRequest;
import io.gust.client.Protocol;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.ByteString;

/**
 * Writes HTTP/1.1 message heads and chunked framing into okio buffers, byte for byte as given:
 * it adds no field of its own (the client and server decide on Host, Content-Length,
 * Transfer-Encoding, Connection and the rest). The one writer of heads for both the client and
 * the server. Field names and values were checked when their {@link Headers} were built; the
 * method, target, reason and single fields are checked here, so nothing written can split a
 * message. Field values travel as ISO-8859-1, one byte per character (RFC 9110 §5.5); a value
 * with a wider character never gets this far.
 */
public final class Http1Writer {
  private Http1Writer() {}

  /**
   * Writes {@code METHOD SP target SP HTTP/1.1 CRLF}, each field, then CRLF. Throws
   * IllegalArgumentException when the method is not a token or the target holds anything but
   * visible ASCII.
   */
  public static void writeRequestHead(Buffer out, String method, String target, Headers headers) {
    writeRequestLine(out, method, target);
    writeFields(out, headers);
    endHead(out);
  }

  /**
   * Writes {@code METHOD SP target SP HTTP/1.1 CRLF}, to be followed by fields and {@link
   * #endHead}. Throws IllegalArgumentException when the method is not a token or the target
   * holds anything but visible ASCII.
   */
  public static void writeRequestLine(Buffer out, String method, String target) {
    HttpChars.checkToken(method, "method");
    checkTarget(target);
    out.writeUtf8(method).writeByte(' ').writeUtf8(target).writeUtf8(" HTTP/1.1\r\n");
  }

  /**
   * Writes one field, {@code name: value CRLF}. Throws IllegalArgumentException, writing
   * nothing, when the name is not a token or the value holds a control or a character outside
   * ISO-8859-1.
   */
  public static void writeField(Buffer out, String name, String value) {
    HttpChars.checkToken(name, "header name");
    HttpChars.checkFieldValue(name, value);
    writeCheckedField(out, name, value);
  }

  /** Writes field {@code index} of {@code headers}, which were checked when built. */
  public static void writeField(Buffer out, Headers headers, int index) {
    writeCheckedField(out, headers.name(index), headers.value(index));
  }

  /** Writes {@code Content-Length: length CRLF} without making a string of the number. */
  public static void writeContentLength(Buffer out, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length < 0: " + length);
    }
    out.writeUtf8("Content-Length: ").writeDecimalLong(length).writeByte('\r').writeByte('\n');
  }

  /** Writes the empty line that ends a head. */
  public static void endHead(Buffer out) {
    out.writeByte('\r').writeByte('\n');
  }

  /** Writes each of {@code headers} as {@code name: value CRLF}, with no blank line after. */
  public static void writeFields(Buffer out, Headers headers) {
    for (int i = 0, size = headers.size(); i < size; i++) {
      writeField(out, headers, i);
    }
  }

  private static void writeCheckedField(Buffer out, String name, String value) {
    out.writeUtf8(name).writeByte(':').writeByte(' ');
    writeLatin1(out, value);
    out.writeByte('\r').writeByte('\n');
  }

  /** Writes checked text one byte per character: ASCII through okio's fast path. */
  private static void writeLatin1(Buffer out, String text) {
    if (HttpChars.widestChar(text) < 0x80) {
      out.writeUtf8(text);
    } else {
      out.writeString(text, StandardCharsets.ISO_8859_1);
    }
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
    writeFields(out, headers);
    endHead(out);
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
      throw new IllegalArgumentException("reason phrase has a control or non-ISO-8859-1 character");
    }
    out.writeUtf8(protocol.toString()).writeByte(' ').writeDecimalLong(code).writeByte(' ');
    writeLatin1(out, phrase);
    out.writeByte('\r').writeByte('\n');
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
    writeFields(out, trailers);
    endHead(out);
  }
}
