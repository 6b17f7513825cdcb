package io.gust.http;

import io.gust.client.HttpProtocolException;
import io.gust.client.Phase;
import io.gust.client.TruncatedBodyException;
import java.util.zip.CRC32;
import okio.Buffer;

/**
 * Decodes {@code Content-Encoding: gzip} (RFC 1952) incrementally: the member header with its
 * optional FEXTRA, FNAME, FCOMMENT and FHCRC fields, the deflate data, then the CRC32 and ISIZE
 * trailer, both checked. Several members in a row decode as one body.
 *
 * <p>States: HEADER → the optional fields flagged, in RFC order → DATA → TRAILER → MEMBER_END;
 * MEMBER_END → HEADER when more bytes follow.
 */
final class GzipDecoder implements ContentDecoder {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  private enum State { HEADER, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, DATA, TRAILER, MEMBER_END }

  private final Inflation inflation;
  private final CRC32 headerCrc = new CRC32();
  private final CRC32 dataCrc = new CRC32();
  private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();
  private State state = State.HEADER;
  private int flags;

  /** Bytes of the FEXTRA field still to skip. */
  private int extraRemaining;

  /** Whether any input arrived: an empty body decodes to nothing. */
  private boolean sawInput;

  GzipDecoder(long maxDecodedBytes) {
    this.inflation = new Inflation(true, "gzip", maxDecodedBytes);
  }

  @Override
  public void decode(Buffer in, Buffer out) throws HttpProtocolException {
    sawInput |= in.size() > 0;
    while (step(in, out)) {
      // Each step consumes some input or changes state.
    }
  }

  /** Advances by one state; returns false when {@code in} holds too little to go on. */
  private boolean step(Buffer in, Buffer out) throws HttpProtocolException {
    switch (state) {
      case HEADER:
        return in.size() >= 10 && readFixedHeader(in);
      case EXTRA_LENGTH:
        if (in.size() < 2) {
          return false;
        }
        extraRemaining = (in.getByte(0) & 0xff) | (in.getByte(1) & 0xff) << 8;
        consumeHeader(in, 2, State.EXTRA);
        return true;
      case EXTRA:
        long skipped = Math.min(extraRemaining, in.size());
        extraRemaining -= (int) skipped;
        consumeHeader(in, skipped, extraRemaining == 0 ? next(State.EXTRA) : State.EXTRA);
        return extraRemaining == 0;
      case NAME:
      case COMMENT:
        return skipZeroTerminated(in);
      case HEADER_CRC:
        return in.size() >= 2 && checkHeaderCrc(in);
      case DATA:
        if (!inflation.inflate(in, out, dataCrc)) {
          return false;
        }
        state = State.TRAILER;
        return true;
      case TRAILER:
        return in.size() >= 8 && checkTrailer(in);
      default:
        return in.size() > 0 && startMember();
    }
  }

  private boolean readFixedHeader(Buffer in) throws HttpProtocolException {
    if ((in.getByte(0) & 0xff) != 0x1f || (in.getByte(1) & 0xff) != 0x8b) {
      throw error("not a gzip stream");
    }
    if (in.getByte(2) != 8) {
      throw error("unknown gzip compression method");
    }
    flags = in.getByte(3) & 0xff;
    if ((flags & RESERVED) != 0) {
      throw error("reserved gzip flags set");
    }
    consumeHeader(in, 10, next(State.HEADER));
    return true;
  }

  /** Returns the first optional header part after {@code done} that the flags announce. */
  private State next(State done) {
    if (done.compareTo(State.EXTRA_LENGTH) < 0 && (flags & FEXTRA) != 0) {
      return State.EXTRA_LENGTH;
    }
    if (done.compareTo(State.NAME) < 0 && (flags & FNAME) != 0) {
      return State.NAME;
    }
    if (done.compareTo(State.COMMENT) < 0 && (flags & FCOMMENT) != 0) {
      return State.COMMENT;
    }
    if (done.compareTo(State.HEADER_CRC) < 0 && (flags & FHCRC) != 0) {
      return State.HEADER_CRC;
    }
    return State.DATA;
  }

  private boolean skipZeroTerminated(Buffer in) {
    long zero = in.indexOf((byte) 0);
    if (zero < 0) {
      consumeHeader(in, in.size(), state);
      return false;
    }
    consumeHeader(in, zero + 1, next(state));
    return true;
  }

  private boolean checkHeaderCrc(Buffer in) throws HttpProtocolException {
    int expected = (int) BufferReads.readLittleEndian(in, 2);
    if (expected != ((int) headerCrc.getValue() & 0xffff)) {
      throw error("gzip header CRC mismatch");
    }
    state = State.DATA;
    return true;
  }

  private boolean checkTrailer(Buffer in) throws HttpProtocolException {
    int crc = (int) BufferReads.readLittleEndian(in, 4);
    int size = (int) BufferReads.readLittleEndian(in, 4);
    if (crc != (int) dataCrc.getValue()) {
      throw error("gzip CRC32 mismatch");
    }
    if (size != inflation.memberOutputSize()) {
      throw error("gzip ISIZE mismatch");
    }
    state = State.MEMBER_END;
    return true;
  }

  private boolean startMember() {
    inflation.reset();
    headerCrc.reset();
    dataCrc.reset();
    state = State.HEADER;
    return true;
  }

  /** Consumes {@code byteCount} header bytes into the header CRC and moves to {@code nextState}. */
  private void consumeHeader(Buffer in, long byteCount, State nextState) {
    in.readUnsafe(cursor);
    try {
      long offset = 0;
      while (offset < byteCount) {
        int available = cursor.seek(offset);
        int used = (int) Math.min(available, byteCount - offset);
        headerCrc.update(cursor.data, cursor.start, used);
        offset += used;
      }
    } finally {
      cursor.close();
    }
    BufferReads.skip(in, byteCount);
    state = nextState;
  }

  @Override
  public void finish() throws HttpProtocolException {
    if (sawInput && state != State.MEMBER_END) {
      throw new TruncatedBodyException("gzip stream truncated");
    }
  }

  @Override
  public void close() {
    inflation.close();
  }

  private static HttpProtocolException error(String message) {
    return new HttpProtocolException(
        HttpProtocolException.Kind.BAD_CONTENT_ENCODING, message, Phase.BODY);
  }
}
