package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import io.gust.client.TruncatedBodyException;
import okio.Buffer;

/**
 * Decodes the chunked transfer coding (RFC 9112 §7.1): {@code size-hex [;extensions] CRLF data
 * CRLF}, repeated, then {@code 0 CRLF}, trailer fields and an empty line. Extensions are checked
 * for control characters and size, then ignored. Trailer fields obey the head limits.
 *
 * <p>Every line of the chunked framing must end in CRLF: the chunk-size lines, the end of each
 * chunk's data, the trailer field lines and the empty line that ends the body. RFC 9112 §2.2
 * lets a recipient accept a bare LF in a message head; inside the framing a bare LF is refused
 * ({@link HttpProtocolException.Kind#BAD_CHUNK}, or {@code BAD_HEADER} in the trailer section),
 * because a peer that reads it differently would disagree on where the body ends, which is how
 * requests are smuggled.
 *
 * <p>States: SIZE → DATA (size &gt; 0) or TRAILERS (size 0); DATA → DATA_END when the chunk's
 * bytes are moved; DATA_END → SIZE after the CRLF; TRAILERS → DONE after the empty line.
 */
final class ChunkedDecoder implements BodyDecoder {
  /** Longest chunk-size line accepted, extensions and CRLF included. */
  static final int MAX_CHUNK_LINE_BYTES = 4096;

  private enum State { SIZE, DATA, DATA_END, TRAILERS, DONE }

  private final long maxBodyBytes;
  private final LineScanner sizeLine = new LineScanner(
      MessageTooLargeException.Limit.CHUNK_LINE_BYTES, MAX_CHUNK_LINE_BYTES, Phase.BODY);
  private final FieldBlockReader trailerReader;
  private State state = State.SIZE;

  /** Bytes of the current chunk not yet moved. */
  private long chunkRemaining;

  /** Body bytes moved so far, over all chunks. */
  private long bodyBytes;

  private Headers trailers = Headers.empty();

  /** Bytes at the start of the input already checked for bare LFs in the trailer section. */
  private long trailerChecked;

  /** Where the trailer line being checked starts in the input. */
  private long trailerLineStart;

  /** The empty line ending the trailer section was found and checked. */
  private boolean trailerEndChecked;

  ChunkedDecoder(CodecLimits limits, boolean foldAllowed) {
    this.maxBodyBytes = limits.maxBodyBytes();
    this.trailerReader = new FieldBlockReader(limits, foldAllowed, Phase.BODY);
  }

  @Override
  public boolean decode(Buffer in, Buffer out) throws HttpProtocolException {
    while (true) {
      switch (state) {
        case SIZE:
          if (!readSize(in)) {
            return false;
          }
          break;
        case DATA:
          if (!moveData(in, out)) {
            return false;
          }
          break;
        case DATA_END:
          if (!readDataEnd(in)) {
            return false;
          }
          break;
        case TRAILERS:
          if (!readTrailers(in)) {
            return false;
          }
          trailers = trailerReader.finish();
          state = State.DONE;
          break;
        default:
          return true;
      }
    }
  }

  private boolean readSize(Buffer in) throws HttpProtocolException {
    long lf = sizeLine.find(in, MAX_CHUNK_LINE_BYTES);
    if (lf < 0) {
      return false;
    }
    if (lf == 0 || in.getByte(lf - 1) != '\r') {
      throw error("chunk-size line ends in a bare LF");
    }
    long size = 0;
    int digits = 0;
    for (int b = in.getByte(0); hexValue(b) >= 0; b = in.getByte(digits)) {
      if (size > (Long.MAX_VALUE >> 4)) {
        throw error("chunk size overflows a long");
      }
      size = size << 4 | hexValue(b);
      digits++;
    }
    if (digits == 0) {
      throw error("chunk size is not hexadecimal");
    }
    BufferReads.skip(in, digits);
    checkExtensions(in, lf - digits - 1);
    if (size > maxBodyBytes - bodyBytes) {
      throw new MessageTooLargeException(MessageTooLargeException.Limit.BODY_BYTES, maxBodyBytes, Phase.BODY);
    }
    chunkRemaining = size;
    state = size == 0 ? State.TRAILERS : State.DATA;
    return true;
  }

  /**
   * Consumes the rest of a chunk-size line, whose {@code content} bytes come before its CRLF:
   * nothing, or {@code ;} extensions.
   */
  private void checkExtensions(Buffer in, long content) throws HttpProtocolException {
    long i = 0;
    while (i < content && HttpChars.isOws(in.getByte(i))) {
      i++;
    }
    if (i < content && in.getByte(i) != ';') {
      throw error("chunk size is not hexadecimal");
    }
    for (; i < content; i++) {
      if (!HttpChars.isFieldChar(in.getByte(i) & 0xff)) {
        throw error("control character in chunk extension");
      }
    }
    BufferReads.skip(in, content + 2);
  }

  private boolean moveData(Buffer in, Buffer out) {
    long byteCount = Math.min(chunkRemaining, in.size());
    out.write(in, byteCount);
    chunkRemaining -= byteCount;
    bodyBytes += byteCount;
    if (chunkRemaining > 0) {
      return false;
    }
    state = State.DATA_END;
    return true;
  }

  private boolean readDataEnd(Buffer in) throws HttpProtocolException {
    if (in.size() > 0 && in.getByte(0) != '\r') {
      throw error(in.getByte(0) == '\n' ? "bare LF after chunk data" : "missing CRLF after chunk data");
    }
    if (in.size() < 2) {
      return false;
    }
    if (in.getByte(1) != '\n') {
      throw error("missing CRLF after chunk data");
    }
    BufferReads.skip(in, 2);
    state = State.SIZE;
    return true;
  }

  /** Reads trailer fields up to the empty line once their line ends were checked. */
  private boolean readTrailers(Buffer in) throws HttpProtocolException {
    checkTrailerLineEnds(in);
    long before = in.size();
    boolean done = trailerReader.readFields(in);
    long consumed = before - in.size();
    trailerChecked -= consumed;
    trailerLineStart -= consumed;
    return done;
  }

  /** Refuses a trailer line, the final empty one included, that ends in a bare LF. */
  private void checkTrailerLineEnds(Buffer in) throws HttpProtocolException {
    while (!trailerEndChecked) {
      long lf = in.indexOf((byte) '\n', trailerChecked);
      if (lf < 0) {
        trailerChecked = in.size();
        return;
      }
      if (lf == 0 || in.getByte(lf - 1) != '\r') {
        throw new HttpProtocolException(HttpProtocolException.Kind.BAD_HEADER,
            "trailer line ends in a bare LF", Phase.BODY);
      }
      trailerEndChecked = lf == trailerLineStart + 1;
      trailerLineStart = lf + 1;
      trailerChecked = lf + 1;
    }
  }

  private static int hexValue(int b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
  }

  @Override
  public void endOfInput() throws TruncatedBodyException {
    if (state != State.DONE) {
      throw new TruncatedBodyException("connection closed before the last chunk ("
          + bodyBytes + " body bytes read)");
    }
  }

  @Override
  public Headers trailers() {
    return trailers;
  }

  private static HttpProtocolException error(String message) {
    return new HttpProtocolException(
        HttpProtocolException.Kind.BAD_CHUNK, message, Phase.BODY);
  }
}
